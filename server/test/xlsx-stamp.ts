import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import { chinaDate } from '@gongfang/shared/clock'

/**
 * An xlsx of personal data names who exported it and the China date, with the personal-data notice: in the
 * workbook properties and in every sheet's printed footer (and header, unless a fixed layout wants none).
 */
export async function expectStamped(bytes: ArrayBuffer | Uint8Array, username: string, opts: { header?: boolean } = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((bytes instanceof Uint8Array ? bytes.slice().buffer : bytes) as ArrayBuffer)
  const day = chinaDate(new Date())
  const notice = '本文件含个人信息，仅限工作使用'
  expect(wb.creator).toContain(`（${username}）`)
  expect(chinaDate(new Date(wb.created))).toBe(day)
  expect(wb.description).toContain(username)
  expect(wb.description).toContain(day)
  expect(wb.description).toContain(notice)
  expect(wb.description).toContain('for official use only')
  expect(wb.worksheets.length).toBeGreaterThan(0)
  for (const ws of wb.worksheets) {
    const footer = ws.headerFooter.oddFooter ?? ''
    expect(footer).toContain(username)
    expect(footer).toContain(day)
    expect(footer).toContain(notice)
    if (opts.header === false) expect(ws.headerFooter.oddHeader ?? '').not.toContain(username)
    else expect(ws.headerFooter.oddHeader ?? '').toContain(username)
  }
  return wb
}
