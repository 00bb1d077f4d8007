/**
 * The wage ledger (工资支付台账) of a workshop's month, with the fields the Regulations on Ensuring Payment of
 * Wages to Migrant Workers (2020) list: employer, period, pay date, name, ID number, contact, working time,
 * gross items, deductions, net pay, and the bank record or the worker's signature. Full ID and phone numbers
 * are what the law asks for here: a permission of its own, and every export audited with its row count.
 * Paid months' rows cannot change (database trigger); keep exports at least three years.
 */
import { sql } from 'drizzle-orm'
import { fenToYuanString } from '@gongfang/shared/money'
import { DEDUCTION_CODES, type DeductionCode } from '@gongfang/shared/deductions'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { queryRows, type Db } from '../../db/client.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError } from '../../http/problem.ts'
import { exportFile, exportStamp, type ExportColumn } from '../../files/export.ts'
import { activeVault, openWorkerPersonal } from '../../vault/index.ts'
import { loadSheet, isOpen } from '../paysheets/sheets.ts'

interface LedgerRow {
  n: number
  name: string
  idNumber: string
  phone: string | null
  days: number
  gross: number
  adjustments: number
  deductions: number
  /** Each approved deduction's label, amount and reason, as the regulations ask deductions to be itemised. */
  deductionItems: string
  net: number
  paidOn: string | null
  method: string | null
  record: string | null
  signedBy: string | null
}

const METHOD = { bank: '银行代发', cash: '现金', wechat: '微信', alipay: '支付宝', other: '其他' } as Record<string, string>

const COLUMNS: ExportColumn<LedgerRow>[] = [
  { header: '序号', value: (r) => r.n, width: 6 },
  { header: '姓名', value: (r) => r.name },
  { header: '身份证号', value: (r) => r.idNumber, text: true, width: 22 },
  { header: '联系电话', value: (r) => r.phone ?? '', text: true, width: 14 },
  { header: '出工天数', value: (r) => r.days },
  { header: '计件工资（元）', value: (r) => fenToYuanString(r.gross), text: true },
  { header: '更正调整（元）', value: (r) => fenToYuanString(r.adjustments), text: true },
  { header: '扣款（元）', value: (r) => fenToYuanString(r.deductions), text: true },
  { header: '扣款项目及事由', value: (r) => r.deductionItems, width: 30 },
  { header: '实发工资（元）', value: (r) => fenToYuanString(r.net), text: true },
  { header: '发放日期', value: (r) => r.paidOn ?? '' },
  { header: '发放方式', value: (r) => (r.method ? (METHOD[r.method] ?? r.method) : '') },
  { header: '银行流水/参考号', value: (r) => r.record ?? '', text: true, width: 24 },
  { header: '本人签收', value: (r) => r.signedBy ?? '', width: 12 },
]

/** 'code|fen|reason' lines → 代扣水电 12.00 元：6 月水费; one per line in the cell. */
function itemsText(items: string | null): string {
  if (!items) return ''
  return items
    .split('\n')
    .map((x) => {
      const [code, fen, ...reason] = x.split('|')
      const label = DEDUCTION_CODES[code as DeductionCode]?.zh ?? code
      return `${label} ${fenToYuanString(Number(fen))} 元：${reason.join('|')}`
    })
    .join('\n')
}

export async function wageLedger(db: Db, caller: Caller, paysheetId: string) {
  authorize(caller, 'payments.ledger')
  return db.transaction(async (tx) => {
    const s = await loadSheet(tx, caller.scope, paysheetId)
    if (isOpen(s.status)) throw new ProblemError(409, 'not-locked', { zh: '工资表锁定后才有工资支付台账', en: 'The wage ledger exists once the sheet is locked' })
    const rows = await queryRows<{
      name: string
      id_number_enc: string | null
      id_number: string | null
      phone_enc: string | null
      phone: string | null
      days: number
      gross: number
      adj: number
      ded: number
      items: string | null
      net: number
      paid_on: string | null
      method: string | null
      record: string | null
      signed_by: string | null
    }>(
      tx,
      sql`select l.worker_name as name, w.id_number_enc, w.id_number, w.phone_enc, w.phone,
            (select count(distinct r.work_date) from work_records r where r.worker_id = l.worker_id and r.workshop_id = ${s.workshopId}::uuid
              and r.pay_month = ${s.month} and to_char(r.work_date, 'YYYY-MM') = ${s.month} and r.reversal_of is null)::int as days,
            l.gross_fen as gross, l.adjustments_fen as adj, l.deductions_fen as ded,
            (select string_agg(d.code || '|' || d.amount_fen || '|' || d.reason, E'\n' order by d.created_at, d.id) from paysheet_deductions d
              where d.paysheet_id = l.paysheet_id and d.worker_id = l.worker_id and d.status = 'approved') as items,
            l.total_fen as net, l.paid_on::text as paid_on, l.pay_method as method,
            l.pay_reference as record, (select x.signed_by from payment_lines x where x.paysheet_line_id = l.id and x.status = 'paid' limit 1) as signed_by
          from paysheet_lines l join workers w on w.id = l.worker_id
          where l.paysheet_id = ${s.id}::uuid order by l.worker_name, l.worker_id`,
    )
    const vault = activeVault()
    const ledger: LedgerRow[] = rows.map((r, i) => {
      const p = openWorkerPersonal(vault, { idNumberEnc: r.id_number_enc, idNumber: r.id_number, phoneEnc: r.phone_enc, phone: r.phone, disabilityGradeEnc: null })
      return { n: i + 1, name: r.name, idNumber: p.idNumber, phone: p.phone, days: r.days, gross: Number(r.gross), adjustments: Number(r.adj), deductions: Number(r.ded), deductionItems: itemsText(r.items), net: Number(r.net), paidOn: r.paid_on, method: r.method, record: r.record, signedBy: r.signed_by }
    })
    await audit(tx, caller, { action: 'payments.ledger', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { rows: ledger.length, month: s.month } })
    return exportFile('xlsx', `${s.workshopName}-${s.month}-工资支付台账`, COLUMNS, ledger, exportStamp(caller))
  })
}
