/**
 * China time for the whole programme: a "day" or a "month" is a date in Asia/Shanghai.
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs no tz data
 * (the same code runs in the browser, in Node and in tests that pin the clock).
 */
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** Something that tells the time; the server passes one per request so tests can pin it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock stopped at one instant (tests, replays). */
export const fixedClock = (at: Date | string): Clock => {
  const t = new Date(at)
  if (Number.isNaN(t.getTime())) throw new RangeError(`invalid instant: ${String(at)}`)
  return { now: () => new Date(t) }
}

/** The China date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date | number = Date.now()): string {
  const ms = typeof at === 'number' ? at : at.getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** The China date and time (YYYY-MM-DD HH:mm:ss) of an instant. */
export function chinaDateTime(at: Date | number = Date.now()): string {
  const ms = typeof at === 'number' ? at : at.getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}

/** The China month (YYYY-MM) of an instant. */
export const chinaMonth = (at: Date | number = Date.now()): string => chinaDate(at).slice(0, 7)

/** Today in China. */
export const today = (clock: Clock = systemClock): string => chinaDate(clock.now())

/** This month in China (YYYY-MM). */
export const thisMonth = (clock: Clock = systemClock): string => chinaMonth(clock.now())

/** This year in China. */
export const thisYear = (clock: Clock = systemClock): number => Number(today(clock).slice(0, 4))

function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a date: ${day}`)
  const ms = Date.parse(`${day}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not a date: ${day}`)
  return ms
}

/** A calendar date moved by n days (date arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(parseDay(day) + n * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number => Math.round((parseDay(b) - parseDay(a)) / DAY_MS)

/** A month (YYYY-MM) moved by n months. */
export function addMonths(month: string, n: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) throw new RangeError(`not a month: ${month}`)
  const idx = Number(m[1]) * 12 + Number(m[2]) - 1 + n
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`
}

/** First and last day of a month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`
  return { from, to: addDays(`${addMonths(month, 1)}-01`, -1) }
}

/** The same calendar day n years earlier (29 Feb → 28 Feb). */
export function yearsBefore(day: string, n: number): string {
  const y = Number(day.slice(0, 4)) - n
  const md = day.slice(5)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`
}

/** Age in whole years on a given day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = day.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

/** The instant a China date begins (00:00 Asia/Shanghai). */
export const startOfChinaDay = (day: string): Date => new Date(parseDay(day) - OFFSET_MS)
