import { describe, expect } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { accountNumberProblem, luhnCheckDigit, luhnValid } from '@gongfang/shared/payments'
import { BUILT_IN_TEMPLATES, renderBankFile, type BankFileLine } from './bank-files.ts'
import { bankTemplateSpec, fileAmountsFen, readBankFile } from '../../../test/bank-file-read.ts'

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))
/** UnionPay-style card: 62 + body + Luhn check digit, 16–19 digits in all. */
const card = fc.integer({ min: 13, max: 16 }).chain((n) => digits(n, n)).map((b) => `62${b}${luhnCheckDigit(`62${b}`)}`)

describe('account numbers', () => {
  test.prop([card])('a card with its Luhn digit is accepted', (n) => {
    expect(luhnValid(n)).toBe(true)
    expect(accountNumberProblem(n)).toBeNull()
  })
  test.prop([card, fc.nat(), fc.integer({ min: 1, max: 9 })])('changing any one digit of a UnionPay card is caught', (n, at, delta) => {
    const i = at % n.length
    const changed = n.slice(0, i) + String((Number(n[i]) + delta) % 10) + n.slice(i + 1)
    expect(luhnValid(changed)).toBe(false)
    // The first two digits may stop being "62": then only the length rule applies.
    if (changed.startsWith('62')) expect(accountNumberProblem(changed)?.zh).toContain('校验位')
  })
  test.prop([digits(1, 15).filter((s) => s.length < 16)])('fewer than 16 digits is refused with the count', (n) => {
    expect(accountNumberProblem(n)?.en).toContain(`it has ${n.length}`)
  })
})

const line: fc.Arbitrary<BankFileLine> = fc.record({
  reference: fc.integer({ min: 1, max: 999999 }).map((i) => `PB20261203-001-${String(i).padStart(6, '0')}`),
  accountNumber: card,
  holderName: fc.constantFrom('叶秀英', '吴=加一', '张·三', '+李四', '王五'),
  bank: fc.constantFrom('zjrcu', 'psbc', 'abc', 'other'),
  amountFen: fc.integer({ min: 1, max: 50_000_000 }),
  workerName: fc.constantFrom('叶秀英', '王五'),
  month: fc.constantFrom('2026-10', '2026-11'),
})

describe('bank files', () => {
  test.prop([fc.array(line, { minLength: 1, maxLength: 30 }), fc.oneof(bankTemplateSpec, fc.constantFrom(...BUILT_IN_TEMPLATES.map((t) => t.spec)))], { numRuns: 60 })(
    "in every template the file's amounts add up to the lines' total to the fen, and every account is written exactly",
    async (lines, s) => {
      const f = await renderBankFile(s, lines, '2026-12-03')
      const rows = await readBankFile(f.body, s)
      // Preamble, one header row, one row per line; no totals row.
      expect(rows.length).toBe(s.preamble.length + 1 + lines.length)
      expect(rows[s.preamble.length]).toEqual(s.columns.map((c) => c.header))
      const data = rows.slice(s.preamble.length + 1)
      const amountAt = s.columns.findIndex((c) => c.field === 'amount')
      const accountAt = s.columns.findIndex((c) => c.field === 'accountNumber')
      expect(fileAmountsFen(rows, s).reduce((a, b) => a + b, 0)).toBe(lines.reduce((a, l) => a + l.amountFen, 0))
      if (s.amountUnit === 'yuan') expect(data.every((r) => /^\d+\.\d{2}$/.test(r[amountAt]!))).toBe(true)
      expect(data.map((r) => r[accountAt])).toEqual(lines.map((l) => l.accountNumber))
    },
  )
})
