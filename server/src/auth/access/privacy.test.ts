import { expect, test } from 'vitest'
import fc from 'fast-check'
import { idNumberCheckChar, parseIdNumber } from '@gongfang/shared'
import { addDays, ageOn } from '@gongfang/shared/clock'
import { MIN_MATCHING_ID_NUMBERS, idNumbersMatching, maskedIdNumber } from './privacy.ts'

const iso = (d: Date) => d.toISOString().slice(0, 10)

// Workers as the registry holds them: ID number of their county, birth date and sex derived from it; and the
// China date a view of them is made on (from their 16th birthday to well after).
const viewed = fc
  .record({
    county: fc.constantFrom('331126', '331181', '331102', '330782', '330326', '110101', '440305'),
    village: fc.integer({ min: 1, max: 999 }),
    birth: fc.date({ min: new Date('1920-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
    daysAfter16: fc.integer({ min: 0, max: 60 * 366 }),
  })
  .map(({ county, village, birth, seq, daysAfter16 }) => {
    const body = county + iso(birth).replaceAll('-', '') + String(seq).padStart(3, '0')
    const id = body + idNumberCheckChar(body)
    const facts = parseIdNumber(id)!
    const today = addDays(`${Number(facts.birthDate.slice(0, 4)) + 16}${facts.birthDate.slice(4)}`.replace('-02-29', '-02-28'), daysAfter16)
    return { id, regionCode: `${county}001${String(village).padStart(3, '0')}`, sex: facts.sex, age: ageOn(facts.birthDate, today), today }
  })

test(`a masked view (last 4 of the ID + sex + village + age) leaves at least ${MIN_MATCHING_ID_NUMBERS} valid ID numbers`, () => {
  fc.assert(
    fc.property(viewed, (w) => {
      const view = { idNumber: maskedIdNumber(w.id), sex: w.sex, regionCode: w.regionCode, age: w.age, today: w.today }
      expect(view.idNumber).toBe('*'.repeat(14) + w.id.slice(-4))
      const candidates = idNumbersMatching(view)
      expect(candidates).toContain(w.id)
      expect(new Set(candidates).size).toBe(candidates.length)
      for (const c of candidates) {
        const facts = parseIdNumber(c)!
        expect(facts.sex).toBe(w.sex)
        expect(ageOn(facts.birthDate, w.today)).toBe(w.age)
        expect(maskedIdNumber(c)).toBe(view.idNumber)
      }
      expect(candidates.length).toBeGreaterThanOrEqual(MIN_MATCHING_ID_NUMBERS)
    }),
    { numRuns: 1000 },
  )
}, 120_000)

test(`the bound is tight: some view leaves exactly ${MIN_MATCHING_ID_NUMBERS} numbers (aged 60 on 1961-04-12)`, () => {
  // Birth dates 1900-04-13 … 1901-04-12: the 365-day window where one check character is rarest
  // (found by sliding every 365/366-day window over 1900–2015).
  let fewest = Infinity
  for (let seq = 0; seq < 11; seq++)
    for (const check of '0123456789X') {
      const tail = String(seq).padStart(3, '0') + check
      const n = idNumbersMatching({ idNumber: '*'.repeat(14) + tail, sex: seq % 2 === 1 ? 'M' : 'F', regionCode: '331126001200', age: 60, today: '1961-04-12' }).length
      fewest = Math.min(fewest, n)
    }
  expect(fewest).toBe(MIN_MATCHING_ID_NUMBERS)
})

test('a view whose sex contradicts the last 4 matches nothing', () => {
  expect(idNumbersMatching({ idNumber: '**************1281', sex: 'M', regionCode: '331126001200', age: 60, today: '2026-12-03' })).toEqual([])
})
