import { expect, test } from 'vitest'
import fc from 'fast-check'
import { idNumberCheckChar, parseIdNumber } from '@gongfang/shared'
import { idNumbersMatching, maskedIdNumber } from './privacy.ts'

// Workers as the registry holds them: ID number of their county, birth date and sex derived from it.
const worker = fc
  .record({
    county: fc.constantFrom('331126', '331181', '331102', '330782', '330326'),
    village: fc.integer({ min: 1, max: 999 }),
    birth: fc.date({ min: new Date('1940-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ county, village, birth, seq }) => {
    const body = county + birth.toISOString().slice(0, 10).replaceAll('-', '') + String(seq).padStart(3, '0')
    const id = body + idNumberCheckChar(body)
    const facts = parseIdNumber(id)!
    return { id, regionCode: `${county}001${String(village).padStart(3, '0')}`, birthDate: facts.birthDate, sex: facts.sex }
  })

test('a masked view (masked ID + birth date + sex + village) never determines the ID number', () => {
  fc.assert(
    fc.property(worker, (w) => {
      const candidates = idNumbersMatching({ idNumber: maskedIdNumber(w.id), birthDate: w.birthDate, sex: w.sex, regionCode: w.regionCode })
      expect(candidates).toContain(w.id)
      expect(candidates.length).toBeGreaterThanOrEqual(2) // another person could have this view
    }),
    { numRuns: 500 },
  )
}, 60_000)
