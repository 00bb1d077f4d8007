import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { CREDIT_ALPHABET, creditCodeCheckChar, idNumberCheckChar, isValidCreditCode, maskIdNumber, maskPhone, parseIdNumber } from './validators.ts'

/**
 * Why a single-character change always fails, and what is NOT claimed:
 * - GB 11643: check = f(Σ aᵢ·wᵢ mod 11) with f injective on 0…10. Replacing digit d by d′ ≠ d at a
 *   position with weight w changes the sum by (d′ − d)·w; 11 is prime, 0 < |d′ − d| < 11 and every
 *   weight (7, 9, 10, 5, 8, 4, 2, 1, 6, 3) is non-zero mod 11, so the sum changes mod 11 and the old
 *   check character no longer fits. Changing the check character itself fails as the sum did not
 *   change. Two changes can cancel out (e.g. +1 at weight 7 and −1 at weight 7 elsewhere), so nothing
 *   is claimed for them.
 * - GB 32100: the same argument mod 31 (prime; weights 3ⁱ mod 31 are non-zero; the 31-character
 *   alphabet gives value differences 1…30).
 * - The validators accept lower case (an `x` check digit, letters of a credit code), so a change of
 *   case only is not a change of the number; the property covers every other substitution, and
 *   insertions and deletions.
 */

const digit = fc.integer({ min: 0, max: 9 }).map(String)

/** A valid ID number: region digits, a real birth date 1900–2025, sequence, check character. */
const validIdNumber = fc
  .record({
    region: fc.array(digit, { minLength: 6, maxLength: 6 }).map((a) => a.join('')),
    day: fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2025, 11, 31) / 86_400_000 }),
    seq: fc.array(digit, { minLength: 3, maxLength: 3 }).map((a) => a.join('')),
  })
  .map(({ region, day, seq }) => {
    const birth = new Date(day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')
    const first17 = region + birth + seq
    return first17 + idNumberCheckChar(first17)
  })

const validCreditCode = fc
  .array(fc.constantFrom(...CREDIT_ALPHABET.split('')), { minLength: 17, maxLength: 17 })
  .map((a) => a.join(''))
  .map((first17) => first17 + creditCodeCheckChar(first17)!)

/** Any printable ASCII or a few CJK/full-width characters people type by mistake. */
const anyChar = fc.oneof(
  fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('０', '１', 'Ｘ', '一', '〇', ' '),
)

const sameIgnoringCase = (a: string, b: string) => a.toUpperCase() === b.toUpperCase()

describe('GB 11643 resident ID numbers', () => {
  test('every generated valid number passes, with the birth date and sex it encodes', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const facts = parseIdNumber(id)
        expect(facts).not.toBeNull()
        expect(facts!.birthDate.replaceAll('-', '')).toBe(id.slice(6, 14))
        expect(facts!.sex).toBe(Number(id[16]) % 2 === 1 ? 'M' : 'F')
      }),
      { numRuns: 2000 },
    )
  })

  test('every single-character substitution fails (except a change of case only)', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 17 }), anyChar, (id, pos, ch) => {
        fc.pre(!sameIgnoringCase(ch, id[pos]!))
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1)
        expect(parseIdNumber(changed)).toBeNull()
      }),
      { numRuns: 5000 },
    )
  })

  test('exhaustively: every digit substitution at every position of some numbers fails', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        for (let pos = 0; pos < 18; pos++)
          for (const ch of '0123456789X') {
            if (ch === id[pos]) continue
            expect(parseIdNumber(id.slice(0, pos) + ch + id.slice(pos + 1))).toBeNull()
          }
      }),
      { numRuns: 200 },
    )
  })

  test('insertions and deletions fail', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 18 }), anyChar, (id, pos, ch) => {
        // Surrounding blanks are trimmed on purpose (pasted cells): not a change of the number.
        fc.pre(!(ch.trim() === '' && (pos === 0 || pos === 18)))
        expect(parseIdNumber(id.slice(0, pos) + ch + id.slice(pos))).toBeNull()
        if (pos < 18) expect(parseIdNumber(id.slice(0, pos) + id.slice(pos + 1))).toBeNull()
      }),
    )
  })

  test('two changes can collide: the single-change property is the strongest one that holds', () => {
    // +1 at position 1 and −1 at position 11 (both weight 9): the weighted sum is unchanged, and the
    // result (region 341126, born 1962-02-14) is another valid number with the same check character.
    const id = '33112619620314128' + idNumberCheckChar('33112619620314128')
    const twice = id[0] + '4' + id.slice(2, 11) + '2' + id.slice(12)
    expect(twice).not.toBe(id)
    expect(parseIdNumber(twice)).toEqual({ birthDate: '1962-02-14', sex: 'F' })
  })

  test('masking keeps the last 4 characters only', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const m = maskIdNumber(id)
        expect(m).toMatch(/^\*{14}\d{3}[\dX]$/)
        expect(m.slice(-4)).toBe(id.slice(-4))
      }),
    )
    expect(maskIdNumber('33112619620314128X')).toBe('**************128X')
    expect(maskPhone('13812345678')).toBe('*******5678')
    expect(maskPhone('057861234567')).toBe('********4567')
    expect(maskPhone('12345')).toBe('*****')
  })
})

describe('GB 32100 unified social credit codes', () => {
  test('every generated valid code passes', () => {
    fc.assert(fc.property(validCreditCode, (code) => { expect(isValidCreditCode(code)).toBe(true) }), { numRuns: 2000 })
  })

  test('every single-character substitution fails (except a change of case only)', () => {
    fc.assert(
      fc.property(validCreditCode, fc.integer({ min: 0, max: 17 }), anyChar, (code, pos, ch) => {
        fc.pre(!sameIgnoringCase(ch, code[pos]!))
        expect(isValidCreditCode(code.slice(0, pos) + ch + code.slice(pos + 1))).toBe(false)
      }),
      { numRuns: 5000 },
    )
  })

  test('exhaustively: every alphabet substitution at every position of some codes fails', () => {
    fc.assert(
      fc.property(validCreditCode, (code) => {
        for (let pos = 0; pos < 18; pos++)
          for (const ch of CREDIT_ALPHABET) {
            if (ch === code[pos]) continue
            expect(isValidCreditCode(code.slice(0, pos) + ch + code.slice(pos + 1))).toBe(false)
          }
      }),
      { numRuns: 100 },
    )
  })

  test('insertions and deletions fail', () => {
    fc.assert(
      fc.property(validCreditCode, fc.integer({ min: 0, max: 18 }), anyChar, (code, pos, ch) => {
        fc.pre(!(ch.trim() === '' && (pos === 0 || pos === 18)))
        expect(isValidCreditCode(code.slice(0, pos) + ch + code.slice(pos))).toBe(false)
        if (pos < 18) expect(isValidCreditCode(code.slice(0, pos) + code.slice(pos + 1))).toBe(false)
      }),
    )
  })

  test('a real code passes (国家市场监督管理总局 example)', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
  })
})
