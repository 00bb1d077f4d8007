const EARTH_RADIUS_KM = 6371.0088

/** Great-circle distance in km between two WGS84/GCJ-02 points (the difference is far below road-distance error). */
export function haversineKm(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** Working days (Mon–Sat; rural workshops work Saturdays) from start to due inclusive, ISO dates. */
export function workingDays(startOn: string, dueOn: string): number {
  const start = Date.parse(`${startOn}T00:00:00Z`)
  const end = Date.parse(`${dueOn}T00:00:00Z`)
  if (!(end >= start)) return 0
  let n = 0
  for (let t = start; t <= end; t += 86_400_000) if (new Date(t).getUTCDay() !== 0) n++
  return n
}

/** Days two inclusive ISO date ranges share (0 when disjoint). */
export function overlapDays(aStart: string, aEnd: string, bStart: string, bEnd: string): number {
  const s = aStart > bStart ? aStart : bStart
  const e = aEnd < bEnd ? aEnd : bEnd
  return e < s ? 0 : workingDays(s, e)
}
