import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { SalesSession, SalesSessionCreate, SalesSessionListQuery } from '@gongfang/shared/sales'
import { audit } from '../../audit/audit.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { salesRows, workshopForFacts, workshopOptions } from '../../auth/access/around.ts'
import { regionAndDates } from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import { salesSessions, workshops } from '../../db/schema/index.ts'
import { pageWithTotals } from '../../http/pagination.ts'
import { ProblemError } from '../../http/problem.ts'
import { iso } from '../collective-income/access.ts'
import { auditBooked } from '../booked-fact.ts'
import { SheetError, parseSpreadsheet } from '../../files/import.ts'
import { readSalesRows, type RowError } from './sales-csv.ts'

const cols = {
  id: salesSessions.id,
  workshopId: salesSessions.workshopId,
  workshopName: workshops.name,
  regionCode: salesSessions.regionCode,
  sessionDate: salesSessions.sessionDate,
  platform: salesSessions.platform,
  host: salesSessions.host,
  ordersCount: salesSessions.ordersCount,
  salesFen: salesSessions.salesFen,
  products: salesSessions.products,
  externalRef: salesSessions.externalRef,
  source: salesSessions.source,
  createdAt: salesSessions.createdAt,
}
type Row = Omit<SalesSession, 'createdAt' | 'source'> & { source: string; createdAt: Date }
const view = (r: Row): SalesSession => ({
  ...r,
  source: r.source as SalesSession['source'],
  createdAt: iso(r.createdAt)!,
})

/** Sessions with their workshop's name: the list and the answer of a create. */
const selectSales = (db: DbOrTx) =>
  db.select(cols).from(salesSessions).innerJoin(workshops, eq(workshops.id, salesSessions.workshopId))

export async function listSales(db: DbOrTx, caller: Caller, q: SalesSessionListQuery) {
  authorize(caller, 'sales.read')
  const conds: (SQL | undefined)[] = [
    salesRows(caller.scope),
    ...regionAndDates(caller, { region: salesSessions.regionCode, date: salesSessions.sessionDate }, q),
  ]
  if (q.workshopId) conds.push(eq(salesSessions.workshopId, q.workshopId))
  if (q.platform) conds.push(eq(salesSessions.platform, q.platform))
  const where = and(...conds)
  const { items, sums, page } = await pageWithTotals(
    q,
    selectSales(db).where(where).orderBy(desc(salesSessions.sessionDate), desc(salesSessions.id)).$dynamic(),
    db
      .select({
        n: count(),
        fen: sql<string>`coalesce(sum(${salesSessions.salesFen}), 0)::text`,
        orders: sql<string>`coalesce(sum(${salesSessions.ordersCount}), 0)::text`,
        workshops: sql<string>`count(distinct ${salesSessions.workshopId})::text`,
      })
      .from(salesSessions)
      .where(where),
  )
  return {
    items: items.map(view),
    ...page,
    sumFen: Number(sums?.fen ?? 0),
    sumOrders: Number(sums?.orders ?? 0),
    workshops: Number(sums?.workshops ?? 0),
  }
}

async function byId(db: DbOrTx, id: number) {
  const [r] = await selectSales(db).where(eq(salesSessions.id, id))
  return view(r!)
}

/** Records one livestream/e-commerce session by hand, with its audit entry. */
export async function createSale(db: DbOrTx, caller: Caller, input: SalesSessionCreate): Promise<SalesSession> {
  const user = authorize(caller, 'sales.write')
  return db.transaction(async (tx) => {
    const w = await workshopForFacts(tx, caller.scope, input.workshopId, 'ecommerce')
    if (input.externalRef) {
      const [dup] = await tx
        .select({ id: salesSessions.id })
        .from(salesSessions)
        .where(
          and(
            eq(salesSessions.workshopId, w.id),
            eq(salesSessions.platform, input.platform),
            eq(salesSessions.externalRef, input.externalRef),
          ),
        )
      if (dup)
        throw new ProblemError(
          409,
          'sales-session-exists',
          { zh: '该场次已记录', en: 'This session is already recorded' },
          undefined,
          [{ path: 'externalRef', message: { zh: '场次编号已存在', en: 'Session id already exists' } }],
        )
    }
    const [row] = await tx
      .insert(salesSessions)
      // What was entered (parsed, so no other keys), for the workshop checked above; an empty host is none.
      .values({
        ...input,
        workshopId: w.id,
        regionCode: w.regionCode,
        host: input.host || null,
        source: 'manual',
        recordedBy: user.id,
      })
      .returning({ id: salesSessions.id })
    return auditBooked(tx, caller, await byId(tx, row!.id), {
      action: 'sales.create',
      targetType: 'sales_session',
      detail: {
        workshopId: input.workshopId,
        sessionDate: input.sessionDate,
        salesFen: input.salesFen,
        ordersCount: input.ordersCount,
      },
    })
  })
}

/**
 * Import a platform's CSV export for one workshop. Atomic: with any bad row nothing is written and every
 * bad row is reported; session ids already recorded count as bad rows (importing twice adds nothing).
 */
export async function importSales(
  db: DbOrTx,
  caller: Caller,
  opts: { workshopId: string; platform?: string; fileName: string; bytes: Uint8Array; dryRun: boolean },
) {
  const user = authorize(caller, 'sales.write')
  const pick = (m: { zh: string; en: string }) => (caller.locale === 'en' ? m.en : m.zh)
  const result = await db.transaction(async (tx) => {
    const w = await workshopForFacts(tx, caller.scope, opts.workshopId, 'ecommerce')
    let sheet
    try {
      sheet = await parseSpreadsheet(opts.bytes)
    } catch (e) {
      if (e instanceof SheetError)
        throw new ProblemError(422, 'unreadable-file', {
          zh: '无法读取文件（请上传 CSV 或 xlsx）',
          en: 'Cannot read the file (upload CSV or xlsx)',
        })
      throw e
    }
    const parsed = readSalesRows(sheet, opts.platform, callerToday(caller))
    const errors: RowError[] = [...parsed.errors]
    const refs = parsed.rows.filter((r) => r.externalRef)
    if (refs.length) {
      const existing = new Set<string>()
      for (let i = 0; i < refs.length; i += 1000) {
        const found = await tx
          .select({ platform: salesSessions.platform, ref: salesSessions.externalRef })
          .from(salesSessions)
          .where(
            and(
              eq(salesSessions.workshopId, w.id),
              inArray(
                salesSessions.externalRef,
                refs.slice(i, i + 1000).map((r) => r.externalRef!),
              ),
            ),
          )
        for (const f of found) existing.add(`${f.platform}|${f.ref}`)
      }
      for (const r of refs)
        if (existing.has(`${r.platform}|${r.externalRef}`))
          errors.push({
            row: r.row,
            column: '场次ID',
            value: r.externalRef,
            message: { zh: '该场次已导入过', en: 'This session was imported before' },
          })
    }
    errors.sort((a, b) => a.row - b.row)
    const sumFen = parsed.rows.reduce((a, r) => a + r.salesFen, 0)
    const result = {
      dryRun: opts.dryRun,
      encoding: parsed.encoding,
      rows: parsed.dataRows,
      imported: 0,
      sumFen,
      errors,
      workshop: w,
    }
    if (errors.length || opts.dryRun) return result
    const values = parsed.rows.map((r) => ({
      workshopId: w.id,
      regionCode: w.regionCode,
      sessionDate: r.sessionDate,
      platform: r.platform,
      host: r.host,
      ordersCount: r.ordersCount,
      salesFen: r.salesFen,
      products: r.products,
      externalRef: r.externalRef,
      source: 'import',
      recordedBy: user.id,
    }))
    for (let i = 0; i < values.length; i += 1000) await tx.insert(salesSessions).values(values.slice(i, i + 1000))
    if (values.length)
      await audit(tx, caller, {
        action: 'sales.import',
        targetType: 'workshop',
        targetId: w.id,
        regionCode: w.regionCode,
        detail: { file: opts.fileName, encoding: parsed.encoding, rows: values.length, sumFen },
      })
    return { ...result, imported: values.length }
  })
  const rowErrors = result.errors.map((e) => ({ ...e, message: pick(e.message) }))
  if (rowErrors.length && !result.dryRun)
    throw new ProblemError(
      422,
      'import-rejected',
      { zh: '导入未执行：文件中有错误行', en: 'Nothing imported: the file has bad rows' },
      {
        zh: `共 ${rowErrors.length} 处错误，修正后重新导入`,
        en: `${rowErrors.length} problems; fix them and import again`,
      },
      result.errors.map((e) => ({ path: `row ${e.row}${e.column ? ` ${e.column}` : ''}`, message: e.message })),
      { rowErrors, rows: result.rows, encoding: result.encoding },
    )
  return {
    dryRun: result.dryRun,
    encoding: result.encoding,
    rows: result.rows,
    imported: result.imported,
    sumFen: result.sumFen,
    errors: rowErrors,
  }
}

/** E-commerce workshops the caller may record for (picker). */
export async function salesWorkshops(db: DbOrTx, caller: Caller, q?: string) {
  authorize(caller, 'around.workshop-options')
  return workshopOptions(db, caller.scope, 'ecommerce', q)
}
