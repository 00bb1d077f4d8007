import { describe, expect, test } from 'vitest'
import { bboxOf, frame, pointInGeometry, type Geometry } from './geo'

// A 2×2 square with a 1×1 hole in its middle, and a separate unit square to the east.
const g: Geometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]],
      [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5], [0.5, 0.5]],
    ],
    [[[3, 0], [4, 0], [4, 1], [3, 1], [3, 0]]],
  ],
}

describe('geo', () => {
  test('a point is inside a polygon, not in its hole, and inside any part of a multipolygon', () => {
    expect(pointInGeometry(g, [0.2, 0.2])).toBe(true)
    expect(pointInGeometry(g, [1, 1])).toBe(false)
    expect(pointInGeometry(g, [3.5, 0.5])).toBe(true)
    expect(pointInGeometry(g, [2.5, 0.5])).toBe(false)
    expect(pointInGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] }, [0.6, 0.6])).toBe(false)
  })

  test('bounding box and framing', () => {
    expect(bboxOf(g)).toEqual([[0, 0], [4, 2]])
    const f = frame([[0, 0], [4, 2]], [[1, 1], [2, 1.5]], { pad: 1 })
    expect(f.center).toEqual([1.5, 1.25])
    expect(f.zoom).toBe(4) // width 1 of 4, height 0.5 of 2
    expect(frame([[0, 0], [4, 2]], [[0, 0], [40, 20]]).zoom).toBe(1) // never zoomed out past the whole map
    expect(frame([[0, 0], [4, 2]], [[1, 1]], { pad: 1, minSpan: 0.5 }).zoom).toBe(4) // a single point: minSpan wide
  })
})
