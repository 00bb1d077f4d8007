import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type {
  CollectiveMember,
  ProfitSharingRun,
  ProfitSharingRunCreate,
  ProfitSharingRunDetail,
} from '@gongfang/shared/collective'
import { fenToYuanString } from '@gongfang/shared/money'
import { audit } from '../../audit/audit.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize, type Scope } from '../../auth/access/index.ts'
import { collectiveMemberRows, profitSharingRows } from '../../auth/access/around.ts'
import type { DbOrTx } from '../../db/client.ts'
import {
  collectiveMembers,
  collectives,
  profitSharingLines,
  profitSharingRuns,
  regions,
  workers,
} from '../../db/schema/index.ts'
import { pageWindow, pageWithTotals } from '../../http/pagination.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { collectiveForWrite, fieldProblem, iso } from '../collective-income/access.ts'
import { splitFen } from './split-fen.ts'
import { exportStamp, stampWorkbook, type ExportStamp } from '../../files/export.ts'
import { anyContains } from '../../db/search.ts'
import type { z } from 'zod'
import type { CollectiveMemberListQuerySchema, ProfitSharingRunListQuerySchema } from '@gongfang/shared/collective'

const MEMBER = { zh: '成员户', en: 'Member household' }
const RUN = { zh: '分红方案', en: 'Profit-sharing run' }

// ---- members ---------------------------------------------------------------------------------

const memberCols = {
  id: collectiveMembers.id,
  collectiveId: collectiveMembers.collectiveId,
  householdNo: collectiveMembers.householdNo,
  headName: collectiveMembers.headName,
  shares: collectiveMembers.shares,
  workerId: collectiveMembers.workerId,
  active: collectiveMembers.active,
}
// Household numbers are mostly digits: order '2' before '10', deterministically.
const householdOrder = [
  sql`length(${collectiveMembers.householdNo})`,
  asc(collectiveMembers.householdNo),
  asc(collectiveMembers.id),
]

export async function listMembers(db: DbOrTx, caller: Caller, q: z.output<typeof CollectiveMemberListQuerySchema>) {
  authorize(caller, 'profit-sharing.read')
  const conds: (SQL | undefined)[] = [collectiveMemberRows(caller.scope)]
  if (q.collectiveId) conds.push(eq(collectiveMembers.collectiveId, q.collectiveId))
  if (q.q) conds.push(anyContains(q.q, collectiveMembers.headName, collectiveMembers.householdNo))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [items, [total], [sums]] = await Promise.all([
    db
      .select(memberCols)
      .from(collectiveMembers)
      .where(where)
      .orderBy(...householdOrder)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(collectiveMembers).where(where),
    db
      .select({
        shares: sql<string>`coalesce(sum(${collectiveMembers.shares}) filter (where ${collectiveMembers.active}), 0)::text`,
      })
      .from(collectiveMembers)
      .where(where),
  ])
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, activeShares: Number(sums?.shares ?? 0) }
}

export async function createMember(
  db: DbOrTx,
  caller: Caller,
  input: { collectiveId?: string; householdNo: string; headName: string; shares: number; workerId?: string },
): Promise<CollectiveMember> {
  authorize(caller, 'profit-sharing.write')
  return db.transaction(async (tx) => {
    const collective = await collectiveForWrite(tx, caller.scope, input.collectiveId)
    const [dup] = await tx
      .select({ id: collectiveMembers.id })
      .from(collectiveMembers)
      .where(
        and(eq(collectiveMembers.collectiveId, collective.id), eq(collectiveMembers.householdNo, input.householdNo)),
      )
    if (dup)
      throw new ProblemError(
        409,
        'household-exists',
        { zh: '户号已存在', en: 'Household number already exists' },
        undefined,
        [
          {
            path: 'householdNo',
            message: { zh: '本集体已有此户号', en: 'This collective already has this household number' },
          },
        ],
        { existingId: dup.id },
      )
    if (input.workerId) {
      const [w] = await tx.select({ id: workers.id }).from(workers).where(eq(workers.id, input.workerId))
      if (!w) throw fieldProblem('workerId', '农户不存在', 'Worker not found')
    }
    const [row] = await tx
      .insert(collectiveMembers)
      .values({
        collectiveId: collective.id,
        regionCode: collective.regionCode,
        householdNo: input.householdNo,
        headName: input.headName,
        shares: input.shares,
        workerId: input.workerId ?? null,
      })
      .returning(memberCols)
    await audit(tx, caller, {
      action: 'collective-member.create',
      targetType: 'collective_member',
      targetId: row!.id,
      regionCode: collective.regionCode,
      detail: { ...input },
    })
    return row!
  })
}

export async function updateMember(
  db: DbOrTx,
  caller: Caller,
  id: string,
  patch: { headName?: string; shares?: number; active?: boolean },
): Promise<CollectiveMember> {
  authorize(caller, 'profit-sharing.write')
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select({ ...memberCols, regionCode: collectiveMembers.regionCode })
      .from(collectiveMembers)
      .where(and(eq(collectiveMembers.id, id), collectiveMemberRows(caller.scope)))
    if (!old) throw notFound(MEMBER)
    const [row] = await tx
      .update(collectiveMembers)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(collectiveMembers.id, id))
      .returning(memberCols)
    await audit(tx, caller, {
      action: 'collective-member.update',
      targetType: 'collective_member',
      targetId: id,
      regionCode: old.regionCode,
      detail: { before: { headName: old.headName, shares: old.shares, active: old.active }, after: patch },
    })
    return row!
  })
}

// ---- runs ------------------------------------------------------------------------------------

const runCols = {
  id: profitSharingRuns.id,
  collectiveId: profitSharingRuns.collectiveId,
  collectiveName: collectives.name,
  regionCode: profitSharingRuns.regionCode,
  title: profitSharingRuns.title,
  period: profitSharingRuns.period,
  totalFen: profitSharingRuns.totalFen,
  totalShares: profitSharingRuns.totalShares,
  households: profitSharingRuns.households,
  status: profitSharingRuns.status,
  note: profitSharingRuns.note,
  createdAt: profitSharingRuns.createdAt,
  confirmedAt: profitSharingRuns.confirmedAt,
}
type RunRow = Omit<ProfitSharingRun, 'createdAt' | 'confirmedAt' | 'status'> & {
  createdAt: Date
  confirmedAt: Date | null
  status: string
}
const runView = (r: RunRow): ProfitSharingRun => ({
  ...r,
  status: r.status as ProfitSharingRun['status'],
  createdAt: iso(r.createdAt)!,
  confirmedAt: iso(r.confirmedAt),
})

export async function listRuns(db: DbOrTx, caller: Caller, q: z.output<typeof ProfitSharingRunListQuerySchema>) {
  authorize(caller, 'profit-sharing.read')
  const conds: (SQL | undefined)[] = [profitSharingRows(caller.scope)]
  if (q.collectiveId) conds.push(eq(profitSharingRuns.collectiveId, q.collectiveId))
  if (q.status) conds.push(eq(profitSharingRuns.status, q.status))
  const where = and(...conds)
  const { items, page } = await pageWithTotals(
    q,
    db
      .select(runCols)
      .from(profitSharingRuns)
      .innerJoin(collectives, eq(collectives.id, profitSharingRuns.collectiveId))
      .where(where)
      .orderBy(desc(profitSharingRuns.createdAt), desc(profitSharingRuns.id))
      .$dynamic(),
    db.select({ n: count() }).from(profitSharingRuns).where(where),
  )
  return { items: items.map(runView), ...page }
}

export async function getRun(db: DbOrTx, caller: Caller, id: string): Promise<ProfitSharingRunDetail> {
  authorize(caller, 'profit-sharing.read')
  return loadRun(db, caller.scope, id)
}

/** The audit entry of a change to a whole run (confirmed, deleted): the run, its region and its total. */
function auditRun(tx: DbOrTx, caller: Caller, action: string, run: ProfitSharingRunDetail) {
  return audit(tx, caller, {
    action,
    targetType: 'profit_sharing_run',
    targetId: run.id,
    regionCode: run.regionCode,
    detail: { totalFen: run.totalFen },
  })
}

async function loadRun(db: DbOrTx, scope: Scope, id: string): Promise<ProfitSharingRunDetail> {
  const [run] = await db
    .select({ ...runCols, regionName: regions.name })
    .from(profitSharingRuns)
    .innerJoin(collectives, eq(collectives.id, profitSharingRuns.collectiveId))
    .leftJoin(regions, eq(regions.code, profitSharingRuns.regionCode))
    .where(and(eq(profitSharingRuns.id, id), profitSharingRows(scope)))
  if (!run) throw notFound(RUN)
  const lines = await db
    .select({
      memberId: profitSharingLines.memberId,
      seq: profitSharingLines.seq,
      householdNo: profitSharingLines.householdNo,
      headName: profitSharingLines.headName,
      shares: profitSharingLines.shares,
      amountFen: profitSharingLines.amountFen,
    })
    .from(profitSharingLines)
    .where(eq(profitSharingLines.runId, id))
    .orderBy(asc(profitSharingLines.seq))
  return { ...runView(run), regionName: run.regionName, lines }
}

/** A draft run: the declared total split over the active member households with shares (largest remainder). */
export async function createRun(
  db: DbOrTx,
  caller: Caller,
  input: ProfitSharingRunCreate,
): Promise<ProfitSharingRunDetail> {
  const user = authorize(caller, 'profit-sharing.write')
  return db.transaction(async (tx) => {
    const collective = await collectiveForWrite(tx, caller.scope, input.collectiveId)
    const members = await tx
      .select(memberCols)
      .from(collectiveMembers)
      .where(
        and(
          eq(collectiveMembers.collectiveId, collective.id),
          eq(collectiveMembers.active, true),
          sql`${collectiveMembers.shares} > 0`,
        ),
      )
      .orderBy(...householdOrder)
    if (members.length === 0)
      throw new ProblemError(422, 'no-shareholders', {
        zh: '该集体没有持股的成员户',
        en: 'The collective has no member households with shares',
      })
    const amounts = splitFen(
      BigInt(input.totalFen),
      members.map((m) => BigInt(m.shares)),
    )
    const totalShares = members.reduce((a, m) => a + m.shares, 0)
    const [run] = await tx
      .insert(profitSharingRuns)
      .values({
        collectiveId: collective.id,
        regionCode: collective.regionCode,
        title: input.title,
        period: input.period,
        totalFen: input.totalFen,
        totalShares,
        households: members.length,
        note: input.note ?? null,
        createdBy: user.id,
      })
      .returning({ id: profitSharingRuns.id })
    const lines = members.map((m, i) => ({
      runId: run!.id,
      memberId: m.id,
      seq: i + 1,
      householdNo: m.householdNo,
      headName: m.headName,
      shares: m.shares,
      amountFen: Number(amounts[i]!),
    }))
    for (let i = 0; i < lines.length; i += 1000) await tx.insert(profitSharingLines).values(lines.slice(i, i + 1000))
    const created = await loadRun(tx, caller.scope, run!.id)
    await audit(tx, caller, {
      action: 'profit-sharing.create',
      targetType: 'profit_sharing_run',
      targetId: created.id,
      regionCode: created.regionCode,
      detail: { totalFen: input.totalFen, period: input.period, households: created.households },
    })
    return created
  })
}

const confirmedProblem = () =>
  new ProblemError(409, 'run-confirmed', {
    zh: '分红方案已确认，不能再修改',
    en: 'The run is confirmed and can no longer change',
  })

export async function confirmRun(db: DbOrTx, caller: Caller, id: string): Promise<ProfitSharingRunDetail> {
  const user = authorize(caller, 'profit-sharing.write')
  return db.transaction(async (tx) => {
    const run = await loadRun(tx, caller.scope, id)
    if (run.status === 'confirmed') throw confirmedProblem()
    const done = await tx
      .update(profitSharingRuns)
      .set({ status: 'confirmed', confirmedBy: user.id, confirmedAt: caller.clock.now() })
      .where(and(eq(profitSharingRuns.id, id), eq(profitSharingRuns.status, 'draft')))
      .returning({ id: profitSharingRuns.id })
    if (done.length === 0) throw confirmedProblem()
    await auditRun(tx, caller, 'profit-sharing.confirm', run)
    return loadRun(tx, caller.scope, id)
  })
}

export async function deleteRun(db: DbOrTx, caller: Caller, id: string): Promise<void> {
  authorize(caller, 'profit-sharing.write')
  await db.transaction(async (tx) => {
    const run = await loadRun(tx, caller.scope, id)
    if (run.status === 'confirmed') throw confirmedProblem()
    await tx.delete(profitSharingLines).where(eq(profitSharingLines.runId, id))
    await tx.delete(profitSharingRuns).where(and(eq(profitSharingRuns.id, id), eq(profitSharingRuns.status, 'draft')))
    await auditRun(tx, caller, 'profit-sharing.delete', run)
  })
}

/** The run's payout list as an xlsx workbook, with its file name. */
export async function runExport(db: DbOrTx, caller: Caller, id: string) {
  const run = await getRun(db, caller, id)
  return { fileName: `${run.collectiveName}-${run.title}-分红清单.xlsx`, body: await runWorkbook(run, exportStamp(caller)) }
}

/** The printable list as a workbook: Chinese headers, yuan with two decimals, and the exact fen beside them. */
export async function runWorkbook(run: ProfitSharingRunDetail, stamp?: ExportStamp): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Gongfang'
  const ws = wb.addWorksheet('分红清单')
  ws.addRow([`${run.collectiveName} ${run.title}`])
  ws.addRow([
    `期间：${run.period}  分红总额：${fenToYuanString(run.totalFen)} 元  户数：${run.households}  总股数：${run.totalShares}  状态：${run.status === 'confirmed' ? '已确认' : '草稿'}`,
  ])
  ws.addRow([])
  const header = ws.addRow(['序号', '户号', '户主', '股数', '分红金额（元）', '分红金额（分）', '签字'])
  header.font = { bold: true }
  for (const l of run.lines) {
    const r = ws.addRow([
      l.seq,
      l.householdNo,
      l.headName,
      l.shares,
      Number(fenToYuanString(l.amountFen)),
      l.amountFen,
      '',
    ])
    r.getCell(5).numFmt = '#,##0.00'
  }
  const total = ws.addRow(['合计', '', '', run.totalShares, Number(fenToYuanString(run.totalFen)), run.totalFen, ''])
  total.font = { bold: true }
  total.getCell(5).numFmt = '#,##0.00'
  ws.columns.forEach((c, i) => (c.width = [6, 10, 14, 8, 16, 16, 14][i]))
  if (stamp) stampWorkbook(wb, stamp)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
