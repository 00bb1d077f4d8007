/**
 * Bank files of a batch: the pending bank lines with full account numbers, laid out by a template described
 * as data (columns, preamble rows, encoding, amount unit, date format). Two generic templates are built in;
 * an admin adds a bank's own. Every file is audited with its row count and total.
 */
import { eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { BANKS, BankTemplateSpecSchema, type BankCode, type BankTemplate, type BankTemplateCreateSchema, type BankTemplateSpec } from '@gongfang/shared/payments'
import { fenToYuanString } from '@gongfang/shared/money'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts'
import { bankTemplates } from '../../db/schema/index.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError } from '../../http/problem.ts'
import { XLSX_TYPE, csvCell, csvInTurns, csvLine, downloadHeaders, exportStamp, toXlsx, type ExportStamp } from '../../files/export.ts'
import { FIELDS, activeVault, openMany } from '../../vault/index.ts'
import { loadBatch } from './batches.ts'

const GENERIC_COLUMNS: BankTemplateSpec['columns'] = [
  { header: '序号/参考号', field: 'reference' },
  { header: '收款人账号', field: 'accountNumber' },
  { header: '收款人户名', field: 'holderName' },
  { header: '收款银行', field: 'bankName' },
  { header: '金额（元）', field: 'amount' },
  { header: '用途', field: 'purpose' },
]

/** Built in, not editable: account as text, yuan with two decimals, no totals row. */
export const BUILT_IN_TEMPLATES: BankTemplate[] = [
  { code: 'generic-xlsx', name: '通用代发模板（Excel）', builtIn: true, spec: { format: 'xlsx', encoding: 'utf-8', preamble: [], columns: GENERIC_COLUMNS, amountUnit: 'yuan', dateFormat: 'YYYY-MM-DD' } },
  { code: 'generic-csv', name: '通用代发模板（CSV，GBK 编码）', builtIn: true, spec: { format: 'csv', encoding: 'gbk', preamble: [], columns: GENERIC_COLUMNS, amountUnit: 'yuan', dateFormat: 'YYYY-MM-DD' } },
]

export async function listTemplates(db: DbOrTx, caller: Caller): Promise<BankTemplate[]> {
  authorize(caller, 'payments.batches.read')
  const rows = await db.select().from(bankTemplates).orderBy(bankTemplates.code)
  return [...BUILT_IN_TEMPLATES, ...rows.map((r) => ({ code: r.code, name: r.name, builtIn: false, spec: BankTemplateSpecSchema.parse(r.spec) }))]
}

export async function createTemplate(db: Db, caller: Caller, input: z.output<typeof BankTemplateCreateSchema>): Promise<BankTemplate> {
  const user = authorize(caller, 'payments.templates.write')
  if (BUILT_IN_TEMPLATES.some((t) => t.code === input.code)) throw new ProblemError(409, 'template-exists', { zh: '该模板代码已被内置模板使用', en: 'A built-in template has this code' })
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(bankTemplates).values({ code: input.code, name: input.name, spec: input.spec, createdBy: user.id }).onConflictDoNothing().returning()
    if (!row) throw new ProblemError(409, 'template-exists', { zh: '该模板代码已存在', en: 'A template with this code exists' })
    await audit(tx, caller, { action: 'payments.template.create', targetType: 'bank_template', targetId: input.code, detail: { name: input.name } })
    return { code: row.code, name: row.name, builtIn: false, spec: input.spec }
  })
}

async function templateOf(db: DbOrTx, code: string): Promise<BankTemplate> {
  const built = BUILT_IN_TEMPLATES.find((t) => t.code === code)
  if (built) return built
  const [row] = await db.select().from(bankTemplates).where(eq(bankTemplates.code, code))
  if (!row) throw new ProblemError(404, 'template-not-found', { zh: `没有代码为 ${code} 的银行模板`, en: `No bank template with code ${code}` })
  return { code: row.code, name: row.name, builtIn: false, spec: BankTemplateSpecSchema.parse(row.spec) }
}

export interface BankFileLine {
  reference: string
  accountNumber: string
  holderName: string
  bank: string
  amountFen: number
  workerName: string
  month: string
}

const fmtDate = (d: string, f: BankTemplateSpec['dateFormat']) => (f === 'YYYYMMDD' ? d.replaceAll('-', '') : d)

/** A line's value for a template field: text always (the account is never a number a spreadsheet could round). */
function fieldValue(l: BankFileLine, field: BankTemplateSpec['columns'][number]['field'], spec: BankTemplateSpec, date: string): string {
  switch (field) {
    case 'reference': return l.reference
    case 'accountNumber': return l.accountNumber
    case 'holderName': return l.holderName
    case 'bankName': return BANKS[l.bank as BankCode]?.zh ?? l.bank
    case 'amount': return spec.amountUnit === 'fen' ? String(l.amountFen) : fenToYuanString(l.amountFen)
    case 'workerName': return l.workerName
    case 'purpose': return `${l.month} 工资`
    case 'date': return fmtDate(date, spec.dateFormat)
    case 'blank': return ''
  }
}

/** The file's bytes for these lines (pure: the property test checks totals in every template). */
export async function renderBankFile(spec: BankTemplateSpec, lines: readonly BankFileLine[], date: string, stamp?: ExportStamp): Promise<{ body: Uint8Array<ArrayBuffer>; ext: 'xlsx' | 'csv'; contentType: string }> {
  const totalFen = lines.reduce((a, l) => a + l.amountFen, 0)
  const preamble = spec.preamble.map((p) =>
    p.replaceAll('{date}', fmtDate(date, spec.dateFormat)).replaceAll('{count}', String(lines.length)).replaceAll('{total}', spec.amountUnit === 'fen' ? String(totalFen) : fenToYuanString(totalFen)),
  )
  if (spec.format === 'xlsx') {
    // Every column is text: a 19-digit account would otherwise turn into 6.2E+18. Built on a writer thread (a
    // province's month is 500,000 lines). The bank reads the cells; who exported it goes only where the bank
    // does not look (properties and footer, no page header).
    const columns = spec.columns.map((c) => ({ header: c.header, value: (l: BankFileLine) => fieldValue(l, c.field, spec, date), text: true, width: c.field === 'accountNumber' ? 24 : undefined }))
    const body = await toXlsx(columns, lines, '代发工资', stamp, { preamble, stampHeader: false })
    return { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), ext: 'xlsx', contentType: XLSX_TYPE }
  }
  const head = [...preamble.map(csvCell), csvLine(spec.columns.map((c) => c.header))]
  const body = await csvInTurns(head, lines, (l) => csvLine(spec.columns.map((c) => fieldValue(l, c.field, spec, date))), spec.encoding === 'gbk' ? 'gbk' : 'utf-8')
  // A view of the encoder's buffer, not a copy (50 MB for a province's month).
  return { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), ext: 'csv', contentType: `text/csv; charset=${spec.encoding === 'gbk' ? 'GBK' : 'utf-8'}` }
}

/** The batch's pending bank lines with their full account numbers (opened here only). */
export async function bankFileLines(db: DbOrTx, batchId: string): Promise<BankFileLine[]> {
  const rows = await queryRows<{ reference: string; enc: string; holder: string; bank: string; amount: number; name: string; month: string }>(
    db,
    sql`select x.reference, a.account_number_enc as enc, a.holder_name as holder, a.bank, x.amount_fen as amount, w.name, p.month
      from payment_lines x join worker_accounts a on a.id = x.account_id join workers w on w.id = x.worker_id join paysheets p on p.id = x.paysheet_id
      where x.batch_id = ${batchId}::uuid and x.method = 'bank' and x.status = 'pending' order by x.seq`,
  )
  const numbers = await openMany(activeVault(), FIELDS.workerAccountNumber, rows.map((r) => r.enc))
  return rows.map((r, i) => ({ reference: r.reference, accountNumber: numbers[i]!, holderName: r.holder, bank: r.bank, amountFen: Number(r.amount), workerName: r.name, month: r.month }))
}

/** The bank file of a batch in a template; audited with the row count and total (full numbers leave the system). */
export async function batchBankFile(db: Db, caller: Caller, id: string, templateCode: string) {
  authorize(caller, 'payments.bank-file')
  return db.transaction(async (tx) => {
    const b = await loadBatch(tx, caller, id)
    const template = await templateOf(tx, templateCode)
    // A province's file joins and sorts 500,000 lines: in memory, not in temporary files (as the batch build).
    await tx.execute(sql`set local work_mem = '128MB'`)
    const lines = await bankFileLines(tx, b.id)
    if (lines.length === 0)
      throw new ProblemError(409, 'no-bank-lines', { zh: '该批次没有待发的银行行（现金行请在批次中登记签收）', en: 'This batch has no pending bank lines (record cash lines as signed in the batch)' })
    const date = callerToday(caller)
    const file = await renderBankFile(template.spec, lines, date, exportStamp(caller))
    const totalFen = lines.reduce((a, l) => a + l.amountFen, 0)
    await audit(tx, caller, { action: 'payments.bank-file', targetType: 'payment_batch', targetId: b.id, regionCode: b.regionCode, detail: { template: template.code, rows: lines.length, totalFen } })
    const name = `${b.number}-${template.code}.${file.ext}`
    return { body: file.body, headers: { ...downloadHeaders(file.contentType, name, name), 'X-Row-Count': String(lines.length), 'X-Total-Fen': String(totalFen) } }
  })
}
