import { describe, expect, test } from 'vitest'
import { projectRegions, rampColor } from './svg-map'

describe('projectRegions', () => {
  // Two 1°×1° squares side by side at 60° N (cos = 0.5), the eastern one with a small island further east.
  const west = { code: 'w', name: 'W', geometry: { type: 'Polygon' as const, coordinates: [[[0, 59.5], [1, 59.5], [1, 60.5], [0, 60.5], [0, 59.5]]] } }
  const east = {
    code: 'e',
    name: 'E',
    geometry: {
      type: 'MultiPolygon' as const,
      coordinates: [[[[1, 59.5], [2, 59.5], [2, 60.5], [1, 60.5], [1, 59.5]]], [[[3.9, 60], [4, 60], [4, 60.1], [3.9, 60.1], [3.9, 60]]]],
    },
  }
  const p = projectRegions([west, east], 1000)

  test('shrinks longitudes by the cosine of the middle latitude and puts north at the top', () => {
    // 4° of longitude at cos 60° = 2 units wide, 1° of latitude high: the box is 1000 × 500.
    expect(p.width).toBe(1000)
    expect(p.height).toBe(500)
    expect(p.regions[0]!.d.startsWith('M0.0 500.0L250.0 500.0L250.0 0.0L0.0 0.0')).toBe(true)
  })

  test('labels a region at the centroid of its largest polygon, not pulled towards its islands', () => {
    expect(p.regions[0]!.label[0]).toBeCloseTo(125)
    expect(p.regions[0]!.label[1]).toBeCloseTo(250)
    expect(p.regions[1]!.label[0]).toBeCloseTo(375)
    expect(p.regions[1]!.d.match(/Z/g)).toHaveLength(2)
  })

  test('an empty map has no size', () => {
    expect(projectRegions([]).regions).toEqual([])
  })
})

test('rampColor runs from the lightest to the darkest red and clamps', () => {
  expect(rampColor(0)).toBe('rgb(253,241,239)')
  expect(rampColor(1)).toBe('rgb(183,49,44)')
  expect(rampColor(0.5)).toBe('rgb(242,163,151)')
  expect(rampColor(2)).toBe(rampColor(1))
  expect(rampColor(Number.NaN)).toBe(rampColor(0))
})
