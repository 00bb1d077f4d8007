import { idNumberCheckChar, maskIdNumber, maskPhone } from '@gongfang/shared'
import { addDays, ageOn, yearsBefore } from '@gongfang/shared/clock'

/**
 * The privacy rule of every view that shows a person with a masked ID number (GB/T 35273 de-identification,
 * GB/T 37964 quasi-identifiers): the ID keeps its last 4 characters only (maskIdNumber) — 3 sequence digits,
 * which also give the sex, and the check character — so the view must not carry the birth date: it shows the
 * age (whole years on the China date) instead. Then the 8 birth-date digits are unknown within a 365/366-day
 * window, and the check character keeps about one date in eleven: at least 29 valid ID numbers fit any masked
 * view (MIN_MATCHING_ID_NUMBERS, proven by privacy.test.ts; the region assumed known, the worst case).
 * Phones keep their last 4 digits (maskPhone). Views use these, never their own masks; full numbers only
 * through audited reveal.
 */
export const maskedIdNumber = maskIdNumber
export const maskedPhone = maskPhone

/** The fewest valid ID numbers consistent with one masked view (birth dates 1900–2015; see idNumbersMatching). */
export const MIN_MATCHING_ID_NUMBERS = 29

/** What a masked view shows beside the ID number (the quasi-identifiers of GB/T 37964). */
export interface MaskedPersonView {
  /** Masked: the last 4 characters. */
  idNumber: string
  sex: 'F' | 'M'
  /** The worker's village (its first 6 digits assumed to be the ID's region: the worst case). */
  regionCode: string
  /** Whole years on `today`. */
  age: number
  /** The China date the age was computed on. */
  today: string
}

/**
 * Every valid ID number consistent with a masked view: region (the view's county), a birth date giving that age
 * on that day, the last 4 shown. Used by tests to prove a view does not determine the number.
 */
export function idNumbersMatching(view: MaskedPersonView): string[] {
  const tail = view.idNumber.slice(-4)
  if (!/^\d{3}[\dX]$/.test(tail)) return []
  if ((Number(tail[2]) % 2 === 1 ? 'M' : 'F') !== view.sex) return []
  const out: string[] = []
  // Born after yearsBefore(today, age + 1) and on or before yearsBefore(today, age).
  const last = yearsBefore(view.today, view.age)
  for (let d = addDays(yearsBefore(view.today, view.age + 1), -1); d <= last; d = addDays(d, 1)) {
    if (ageOn(d, view.today) !== view.age) continue
    const body = view.regionCode.slice(0, 6) + d.replaceAll('-', '') + tail.slice(0, 3)
    if (idNumberCheckChar(body) === tail[3]) out.push(body + tail[3])
  }
  return out
}

/** Reveals one user may make in an hour (GONGFANG_REVEAL_LIMIT_PER_HOUR, default 30); past it: 429 and a notice. */
export const revealLimitPerHour = (): number => {
  const n = Number(process.env.GONGFANG_REVEAL_LIMIT_PER_HOUR ?? 30)
  return Number.isInteger(n) && n > 0 ? n : 30
}

/** Whose staff hear of a user past the reveal limit: the county (6 digits) of the user's region, else of the worker's. */
export const noticeRegionFor = (userRegion: string | null, workerRegion: string): string => (userRegion ?? workerRegion).slice(0, 6)

/**
 * When one account's reads of personal data in a China day are unusual: at least GONGFANG_UNUSUAL_READS_PER_DAY
 * different people (default 300: a township's whole roster is rarely needed in a day) and at least five times
 * the account's usual day (the median of its days with reads in the 30 before).
 */
export const unusualReads = () => {
  const n = Number(process.env.GONGFANG_UNUSUAL_READS_PER_DAY ?? 300)
  return { minPeople: Number.isInteger(n) && n > 0 ? n : 300, timesUsual: 5 }
}
