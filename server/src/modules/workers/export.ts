import { eq, sql } from 'drizzle-orm'
import { SKILL_LABELS, type WorkerListQuery } from '@gongfang/shared/registry'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { regions, workers } from '../../db/schema/index.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { seesSensitiveFacts, workerNumbersInFull } from '../../auth/access/registry.ts'
import { exportSink, exportStamp, fenToYuan, type Download, type ExportColumn } from '../../files/export.ts'
import { audit } from '../../audit/audit.ts'
import { activeVault, openWorkerPersonal } from '../../vault/index.ts'
import { listColumns, registerView, WORKER_SORT, workerWhere, type RegisterRow } from './service.ts'
import { registerOrder } from '../register-order.ts'

export const EXPORT_LIMIT = 600_000
/**
 * Rows per FETCH from the export's cursor. Each batch is opened (two sealed numbers a row, ≈ 6 µs each) and
 * turned into cells in one turn of the event loop: 250 rows hold it about 5 ms idle. On the province set (500,000
 * workers, load 2) /api/health's p99 during the export was 48 ms with 500 rows and 28–35 ms with 250, the export
 * taking 16–24 s either way (2,000 rows put the p99 near 200 ms under load).
 */
const BATCH = 250

type W = ReturnType<typeof registerView>
const yesNo = (b: boolean | null) => (b === null ? '' : b ? '是' : '否')
export const WORKER_EXPORT_COLUMNS: ExportColumn<W>[] = [
  { header: '姓名', value: (w) => w.name },
  { header: '身份证号', value: (w) => w.idNumber, text: true, width: 22 },
  { header: '性别', value: (w) => (w.sex === 'F' ? '女' : '男') },
  { header: '出生日期', value: (w) => w.birthDate, width: 12 },
  { header: '年龄', value: (w) => w.age },
  { header: '手机号', value: (w) => w.phone, text: true, width: 14 },
  { header: '村代码', value: (w) => w.regionCode, text: true, width: 15 },
  { header: '村', value: (w) => w.regionName },
  { header: '家庭户', value: (w) => w.household },
  { header: '低收入农户', value: (w) => yesNo(w.lowIncome) },
  { header: '残疾等级', value: (w) => w.disabilityGrade },
  { header: '技能', value: (w) => w.skills.map((s) => SKILL_LABELS[s]?.zh ?? s).join('、'), width: 20 },
  { header: '每日可工作小时', value: (w) => w.availability?.hoursPerDay ?? null },
  { header: '加入前月收入（元）', value: (w) => fenToYuan(w.baselineMonthlyIncomeFen), width: 16 },
  { header: '收入来源', value: (w) => w.baselineSource, width: 20 },
]

/**
 * The list's columns without its timestamps, each under its own name: a cursor's FETCH answers raw rows (no
 * drizzle mapping), so the names must not clash (workers.name, regions.name) and the types must read the same
 * on PostgreSQL and PGlite (a date as text: PGlite would give a Date).
 */
function exportColumns(day: string) {
  const { createdAt: _c, updatedAt: _u, birthDate: _b, ...cols } = listColumns(day)
  const named = Object.fromEntries(Object.entries(cols).map(([k, col]) => [k, sql`${col}`.as(k)]))
  return { ...named, birthDate: sql`${workers.birthDate}::text`.as('birthDate') }
}

/**
 * The filtered list as a file (masking as in the list); every export is audited with its filters and the people
 * in it. Rows come from a cursor a batch at a time and go straight into the file (a province's 500,000 workers
 * are never all in memory as rows and views); the database reads the next batch while this one is written.
 */
export async function exportWorkers(
  db: DbOrTx,
  caller: Caller,
  q: Omit<WorkerListQuery, 'page' | 'pageSize'> & { format: 'xlsx' | 'csv' },
  opts: { batch?: number } = {},
): Promise<Download> {
  const batchSize = Math.max(1, Math.trunc(opts.batch ?? BATCH))
  authorize(caller, 'workers.read')
  const { format, ...filters } = q
  const full = workerNumbersInFull(caller)
  const today = callerToday(caller)
  const vault = activeVault()
  const sink = exportSink(format, '农户名册', WORKER_EXPORT_COLUMNS, exportStamp(caller))
  let rows = 0
  let file: Promise<Download> | undefined
  try {
    // A cursor lives in a transaction; its one snapshot makes the file as consistent as a single select.
    await db.transaction(async (tx) => {
      const query = tx
        .select(exportColumns(today))
        .from(workers)
        .leftJoin(regions, eq(regions.code, workers.regionCode))
        .where(workerWhere(caller, filters))
        .orderBy(...registerOrder(WORKER_SORT, workers.id, q))
        .limit(EXPORT_LIMIT)
      await tx.execute(sql`declare workers_export no scroll cursor for ${query.getSQL()}`)
      // The people in the file, gathered here batch by batch for the audit row (in file order), so that their
      // 500,000 ids are not sent back in one statement (18 MB of text that held the event loop for half a second).
      await tx.execute(sql`create temporary table workers_export_subjects (n int, id uuid) on commit drop`)
      const gathered: Promise<unknown>[] = []
      // Statements on the connection one after another (pg 9 will refuse a query while one runs), yet issued without
      // waiting for this thread: the next FETCH starts as soon as the last statement ends.
      let last: Promise<unknown> = Promise.resolve()
      const queued = <T>(run: () => Promise<T>): Promise<T> => {
        const p = last.then(run)
        last = p.catch(() => {})
        return p
      }
      const fetch = () => queued(() => queryRows<RegisterRow>(tx, sql.raw(`fetch forward ${batchSize} from workers_export`)))
      let next: Promise<RegisterRow[]> | null = fetch()
      while (next) {
        const batch: RegisterRow[] = await next
        // A batch already read resolves at once: without a turn of the event loop here, batches would follow one
        // another in one task while the database keeps up (seconds without answering anything else).
        await new Promise((resolve) => setImmediate(resolve))
        // The next batch is read while this one is opened and written (an empty answer ends it).
        next = batch.length === batchSize ? fetch() : null
        next?.catch(() => {}) // awaited in the next turn; a failure meanwhile must not be an unhandled rejection
        const views = batch.map((r) => {
          const facts = seesSensitiveFacts(caller, { workerId: r.id, regionCode: r.regionCode })
          return registerView(r, full, today, facts, openWorkerPersonal(vault, r, { grade: facts }))
        })
        if (views.length) {
          const ids = views.map((v) => v.id).join(',')
          const at = rows
          // Wrapped in an async function: a drizzle query runs again at each then(), and this one is awaited twice.
          const added = queued(async () =>
            tx.execute(sql`insert into workers_export_subjects select t.n + ${at}, t.id::uuid from unnest(string_to_array(${ids}, ',')) with ordinality as t(id, n)`),
          )
          added.catch(() => {}) // awaited with the others below
          gathered.push(added)
        }
        rows += views.length
        await sink.add(views)
      }
      // The file is finished while the audit row (with every person in it) is written; both before it is handed out.
      file = sink.finish()
      file.catch(() => {})
      await Promise.all(gathered)
      await audit(tx, caller, {
        action: 'worker.export',
        targetType: 'worker',
        detail: { format, rows, unmasked: full, filters },
        subjectIdsQuery: sql`array(select id from workers_export_subjects order by n)`,
      })
    })
  } catch (err) {
    sink.discard()
    throw err
  }
  return file!
}
