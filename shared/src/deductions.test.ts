import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DeductionCreateSchema, netAfterDeductions } from './deductions.ts'

describe('deductions', () => {
  it('accepts only listed codes and requires a reason', () => {
    expect(DeductionCreateSchema.safeParse({ code: 'utilities', amountFen: 1200, reason: '三月水电' }).success).toBe(true)
    expect(DeductionCreateSchema.safeParse({ code: 'fine', amountFen: 1200, reason: '迟到' }).success).toBe(false)
    expect(DeductionCreateSchema.safeParse({ code: 'other', amountFen: 1200, reason: ' ' }).success).toBe(false)
    expect(DeductionCreateSchema.safeParse({ code: 'other', amountFen: 0, reason: '说明原因' }).success).toBe(false)
  })

  it('net is gross minus approved deductions, never negative', () => {
    const status = fc.constantFrom('pending' as const, 'approved' as const, 'rejected' as const)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.record({ amountFen: fc.integer({ min: 1, max: 5_000_000 }), status })), (gross, ds) => {
        const approved = ds.filter((d) => d.status === 'approved').reduce((s, d) => s + d.amountFen, 0)
        const r = netAfterDeductions(gross, ds)
        if (approved > gross) {
          expect(r.ok).toBe(false)
          if (!r.ok) expect(r.zh).toMatch(/不能为负/)
        } else {
          expect(r).toEqual({ ok: true, netFen: gross - approved, deductedFen: approved })
        }
      }),
    )
  })
})
