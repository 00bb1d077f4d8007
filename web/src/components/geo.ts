/** GeoJSON geometry as the map files carry it (lng/lat rings). */
export type Geometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }

type Point = readonly [number, number]

function inRing([x, y]: Point, ring: number[][]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number]
    const [xj, yj] = ring[j] as [number, number]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function polygons(g: Geometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []
}

/** Inside the outer ring of some polygon and outside its holes (even-odd rule, as the map draws it). */
export function pointInGeometry(g: Geometry, p: Point): boolean {
  return polygons(g).some(([outer, ...holes]) => !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h)))
}

/** [[minLng, minLat], [maxLng, maxLat]] of every ring. */
export function bboxOf(g: Geometry): [[number, number], [number, number]] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const poly of polygons(g)) for (const ring of poly) for (const [x, y] of ring as [number, number][]) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y)
  }
  return [[minX, minY], [maxX, maxY]]
}

/**
 * Centre and ECharts geo zoom that frame `points` inside a map whose own extent is `mapBox` (zoom 1 = the whole map);
 * `minSpan` degrees at least, so points a kilometre apart are not framed as one.
 */
export function frame(mapBox: [[number, number], [number, number]], points: readonly Point[], { pad = 1.3, minSpan = 0.02 } = {}): { center: [number, number]; zoom: number } {
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  const [minX, minY, maxX, maxY] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
  const w = Math.max(maxX - minX, minSpan) * pad
  const h = Math.max(maxY - minY, minSpan) * pad
  const zoom = Math.min((mapBox[1][0] - mapBox[0][0]) / w, (mapBox[1][1] - mapBox[0][1]) / h)
  return { center: [(minX + maxX) / 2, (minY + maxY) / 2], zoom: Math.max(1, Math.min(20, zoom)) }
}
