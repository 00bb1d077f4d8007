import { useMemo, useState, type KeyboardEvent } from 'react'
import type { Geometry } from './geo'

// A choropleth drawn as SVG by the browser: a few kilobytes of code instead of ECharts' map (about 150 KB
// gzip), so that the public page loads in a second. Each region is a focusable button with its name and figure.

export interface SvgMapRegion {
  code: string
  name: string
  geometry: Geometry
}

type Ring = number[][]

const polygonsOf = (g: Geometry): Ring[][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []

/** Twice the signed area and the centroid of a ring (shoelace formula), in projected units. */
function ringCentroid(ring: [number, number][]): { area: number; x: number; y: number } {
  let a = 0,
    cx = 0,
    cy = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!
    const [x1, y1] = ring[i]!
    const cross = x0 * y1 - x1 * y0
    a += cross
    cx += (x0 + x1) * cross
    cy += (y0 + y1) * cross
  }
  return a
    ? { area: Math.abs(a), x: cx / (3 * a), y: cy / (3 * a) }
    : { area: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 }
}

export interface ProjectedRegion {
  code: string
  name: string
  d: string
  /** Where the name goes: the centroid of the region's largest polygon (islands do not pull it into the sea). */
  label: [number, number]
}

/**
 * Projects lng/lat to an SVG box `width` wide: equirectangular with longitudes shrunk by cos(middle latitude),
 * which at Zhejiang's size is indistinguishable from the Mercator the official maps use. y grows downwards.
 */
export function projectRegions(
  regions: readonly SvgMapRegion[],
  width = 1000,
): { regions: ProjectedRegion[]; width: number; height: number } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity
  for (const r of regions)
    for (const poly of polygonsOf(r.geometry))
      for (const ring of poly)
        for (const [x, y] of ring as [number, number][]) {
          minX = Math.min(minX, x)
          maxX = Math.max(maxX, x)
          minY = Math.min(minY, y)
          maxY = Math.max(maxY, y)
        }
  if (!Number.isFinite(minX)) return { regions: [], width, height: 0 }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
  const scale = width / Math.max((maxX - minX) * k, 1e-9)
  const height = Math.round((maxY - minY) * scale)
  const px = (x: number) => (x - minX) * k * scale
  const py = (y: number) => (maxY - y) * scale
  return {
    width,
    height,
    regions: regions.map((r) => {
      let d = ''
      let best = { area: -1, x: 0, y: 0 }
      for (const poly of polygonsOf(r.geometry)) {
        poly.forEach((ring, i) => {
          const pts = (ring as [number, number][]).map(([x, y]) => [px(x), py(y)] as [number, number])
          // One decimal of a 1000-wide box is finer than a pixel on any screen and keeps the path text short.
          d += pts.map(([x, y], n) => `${n ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`).join('') + 'Z'
          if (i === 0) {
            const c = ringCentroid(pts)
            if (c.area > best.area) best = c
          }
        })
      }
      return { code: r.code, name: r.name, d, label: [best.x, best.y] }
    }),
  }
}

const RAMP: [number, number, number][] = [
  [0xfd, 0xf1, 0xef],
  [0xf2, 0xa3, 0x97],
  [0xb7, 0x31, 0x2c],
]

/** The colour of `t` in [0, 1] on the same light-to-red ramp the cockpit's ECharts maps use. */
export function rampColor(t: number): string {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1)
  const i = Math.min(RAMP.length - 2, Math.floor(u))
  const f = u - i
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!]
  return `rgb(${a.map((v, n) => Math.round(v + (b[n]! - v) * f)).join(',')})`
}

export interface SvgMapProps {
  regions: readonly SvgMapRegion[]
  /** A region's figure; a region without one is drawn grey. */
  valueOf: (code: string) => number | null | undefined
  /** A figure as the page shows it ("12", "35.2 万元", "<5"). */
  format: (value: number | null | undefined, code?: string) => string
  /** What the map shows, e.g. "Map · Workshops operating": the map's accessible name and the figure's label. */
  title: string
  figureName: string
  onPick?: (code: string) => void
  height: number
  labelSize?: number
}

/** A region map coloured by one figure, with a legend; hover, focus or tap shows a region's name and figure. */
export function SvgMap({ regions, valueOf, format, title, figureName, onPick, height, labelSize = 11 }: SvgMapProps) {
  const projected = useMemo(() => projectRegions(regions), [regions])
  const [active, setActive] = useState<string | null>(null)
  const values = projected.regions.map((r) => valueOf(r.code))
  const max = Math.max(1, ...values.map((v) => v ?? 0))
  const shown = projected.regions.find((r) => r.code === active)
  // Labels are sized in screen pixels whatever the box is scaled to: the box is 1000 wide and drawn about `height` high.
  const unit = projected.height ? projected.height / height : 1
  const key = (code: string) => (e: KeyboardEvent) => {
    if (onPick && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault()
      onPick(code)
    }
  }
  return (
    <div style={{ position: 'relative', width: '100%' }}>
      <svg
        role="group"
        aria-label={title}
        viewBox={`-10 -10 ${projected.width + 20} ${projected.height + 20}`}
        preserveAspectRatio="xMidYMid meet"
        style={{ display: 'block', width: '100%', height, touchAction: 'manipulation' }}
      >
        {projected.regions.map((r, i) => {
          const v = values[i]
          const text = `${r.name} · ${figureName}: ${format(v, r.code)}`
          return (
            <path
              key={r.code}
              data-code={r.code}
              d={r.d}
              role={onPick ? 'button' : 'img'}
              tabIndex={0}
              aria-label={text}
              fill={active === r.code ? '#ffd666' : v == null ? '#eeeeee' : rampColor(v / max)}
              fillRule="evenodd"
              stroke={active === r.code ? '#333' : '#fff'}
              strokeWidth={active === r.code ? 2 * unit : unit}
              strokeLinejoin="round"
              style={{ cursor: onPick ? 'pointer' : undefined, outline: 'none' }}
              onMouseEnter={() => setActive(r.code)}
              onMouseLeave={() => setActive((a) => (a === r.code ? null : a))}
              onFocus={() => setActive(r.code)}
              onBlur={() => setActive((a) => (a === r.code ? null : a))}
              onClick={() => onPick?.(r.code)}
              onKeyDown={key(r.code)}
            >
              <title>{text}</title>
            </path>
          )
        })}
        <g
          aria-hidden="true"
          style={{ pointerEvents: 'none' }}
          fontSize={labelSize * unit}
          textAnchor="middle"
          dominantBaseline="central"
          fill="#333"
        >
          {projected.regions.map((r) => (
            <text
              key={r.code}
              x={r.label[0]}
              y={r.label[1]}
              stroke="#fff"
              strokeWidth={3 * unit}
              paintOrder="stroke"
              strokeLinejoin="round"
            >
              {r.name}
            </text>
          ))}
        </g>
      </svg>
      <div
        aria-hidden="true"
        style={{
          position: 'absolute',
          left: 8,
          bottom: 8,
          fontSize: 12,
          color: '#555',
          display: 'flex',
          alignItems: 'center',
          gap: 6,
          background: 'rgba(255,255,255,0.8)',
          padding: '2px 6px',
          borderRadius: 4,
        }}
        data-testid="map-legend"
      >
        <span>{format(0)}</span>
        <span
          style={{
            width: 80,
            height: 10,
            borderRadius: 2,
            background: `linear-gradient(to right, ${rampColor(0)}, ${rampColor(0.5)}, ${rampColor(1)})`,
          }}
        />
        <span>{format(max)}</span>
      </div>
      <div
        role="status"
        aria-live="polite"
        data-testid="map-tip"
        style={{
          position: 'absolute',
          right: 8,
          top: 8,
          maxWidth: '60%',
          fontSize: 13,
          padding: shown ? '4px 8px' : 0,
          borderRadius: 4,
          background: shown ? 'rgba(255,255,255,0.95)' : 'transparent',
          boxShadow: shown ? '0 1px 4px rgba(0,0,0,0.2)' : 'none',
          pointerEvents: 'none',
        }}
      >
        {shown && (
          <>
            <strong>{shown.name}</strong>
            <br />
            {figureName}: {format(valueOf(shown.code), shown.code)}
          </>
        )}
      </div>
    </div>
  )
}
