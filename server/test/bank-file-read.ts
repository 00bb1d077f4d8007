// Bank templates as an admin could describe them, and a bank file read back into rows of text cells as a bank's
// import would see them (tests only).
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { parseYuan } from '@gongfang/shared/money'
import { fc } from '@fast-check/vitest'
import { BANK_FILE_FIELDS, type BankTemplateSpec } from '@gongfang/shared/payments'

/** Every row of the file: preamble lines, the header, then one row per line. */
export async function readBankFile(body: Uint8Array, s: BankTemplateSpec): Promise<string[][]> {
  if (s.format === 'xlsx') {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer)
    const rows: string[][] = []
    wb.worksheets[0]!.eachRow({ includeEmpty: false }, (r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))))
    return rows
  }
  const text = s.encoding === 'gbk' ? iconv.decode(Buffer.from(body), 'gbk') : new TextDecoder().decode(body).replace(/^\uFEFF/, '')
  // Our cells hold no commas or quotes except a formula guard's leading quote.
  return text.replace(/\r\n$/, '').split('\r\n').map((r) => r.split(','))
}

/** The data rows' amounts in fen, read in the template's unit. */
export function fileAmountsFen(rows: string[][], s: BankTemplateSpec): number[] {
  const at = s.columns.findIndex((c) => c.field === 'amount')
  return rows.slice(s.preamble.length + 1).map((r) => (s.amountUnit === 'fen' ? Number(r[at]) : parseYuan(r[at]!)!))
}

/** Templates as an admin could describe them: any column order with the amount and account in it. */
export const bankTemplateSpec: fc.Arbitrary<BankTemplateSpec> = fc.record({
  format: fc.constantFrom('xlsx' as const, 'csv' as const),
  encoding: fc.constantFrom('gbk' as const, 'utf-8' as const),
  preamble: fc.array(fc.constantFrom('代发工资 {date}', '笔数 {count} 合计 {total}', '单位：丽水某工坊'), { maxLength: 2 }),
  columns: fc
    .shuffledSubarray(BANK_FILE_FIELDS.filter((f) => f !== 'amount' && f !== 'accountNumber'), { maxLength: 5 })
    .chain((rest) => fc.shuffledSubarray(['amount', 'accountNumber', ...rest] as (typeof BANK_FILE_FIELDS)[number][], { minLength: 2 + rest.length }))
    .map((fields) => fields.map((field, i) => ({ header: `列${i + 1}${field}`, field }))),
  amountUnit: fc.constantFrom('yuan' as const, 'fen' as const),
  dateFormat: fc.constantFrom('YYYY-MM-DD' as const, 'YYYYMMDD' as const),
})
