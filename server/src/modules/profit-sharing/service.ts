import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { ProfitSharingRunCreate } from '@gongfang/shared/collective'
import { scopeFilter, type Scope } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { collectiveMembers, collectives, profitSharingLines, profitSharingRuns, regions, workers } from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { collectiveForWrite, fieldProblem, iso } from '../collective-income/access.ts'
import { splitFen } from './split-fen.ts'
import { fenToYuan } from './yuan.ts'

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
const memberScope = (scope: Scope) => scopeFilter(scope, { regionCode: collectiveMembers.regionCode, collectiveId: collectiveMembers.collectiveId })
// Household numbers are mostly digits: order '2' before '10', deterministically.
const householdOrder = [sql`length(${collectiveMembers.householdNo})`, asc(collectiveMembers.householdNo), asc(collectiveMembers.id)]

export async function listMembers(db: DbOrTx, scope: Scope, q: { page: number; pageSize: number; collectiveId?: string; q?: string }) {
  const conds: (SQL | undefined)[] = [memberScope(scope)]
  if (q.collectiveId) conds.push(eq(collectiveMembers.collectiveId, q.collectiveId))
  if (q.q) {
    const pat = `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    conds.push(or(ilike(collectiveMembers.headName, pat), ilike(collectiveMembers.householdNo, pat)))
  }
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [items, [total], [sums]] = await Promise.all([
    db.select(memberCols).from(collectiveMembers).where(where).orderBy(...householdOrder).limit(limit).offset(offset),
    db.select({ n: count() }).from(collectiveMembers).where(where),
    db
      .select({ shares: sql<string>`coalesce(sum(${collectiveMembers.shares}) filter (where ${collectiveMembers.active}), 0)::text` })
      .from(collectiveMembers)
      .where(where),
  ])
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, activeShares: Number(sums?.shares ?? 0) }
}

export async function createMember(
  tx: DbOrTx,
  scope: Scope,
  input: { collectiveId?: string; householdNo: string; headName: string; shares: number; workerId?: string },
) {
  const collective = await collectiveForWrite(tx, scope, input.collectiveId)
  const [dup] = await tx
    .select({ id: collectiveMembers.id })
    .from(collectiveMembers)
    .where(and(eq(collectiveMembers.collectiveId, collective.id), eq(collectiveMembers.householdNo, input.householdNo)))
  if (dup)
    throw new ProblemError(409, 'household-exists', { zh: '户号已存在', en: 'Household number already exists' }, undefined, [
      { path: 'householdNo', message: { zh: '本集体已有此户号', en: 'This collective already has this household number' } },
    ], { existingId: dup.id })
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
  return { member: row!, regionCode: collective.regionCode }
}

export async function updateMember(tx: DbOrTx, scope: Scope, id: string, patch: { headName?: string; shares?: number; active?: boolean }) {
  const [old] = await tx
    .select({ ...memberCols, regionCode: collectiveMembers.regionCode })
    .from(collectiveMembers)
    .where(and(eq(collectiveMembers.id, id), memberScope(scope)))
  if (!old) throw notFound(MEMBER)
  const [row] = await tx
    .update(collectiveMembers)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(collectiveMembers.id, id))
    .returning(memberCols)
  return { member: row!, old, regionCode: old.regionCode }
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
type RunRow = { createdAt: Date; confirmedAt: Date | null; status: string } & Record<string, unknown>
const runView = (r: RunRow) => ({ ...r, createdAt: iso(r.createdAt)!, confirmedAt: iso(r.confirmedAt) }) as never as {
  id: string
  regionCode: string
  status: 'draft' | 'confirmed'
  totalFen: number
  collectiveName: string
  title: string
  period: string
  households: number
  totalShares: number
}
const runScope = (scope: Scope) => scopeFilter(scope, { regionCode: profitSharingRuns.regionCode, collectiveId: profitSharingRuns.collectiveId })

export async function listRuns(db: DbOrTx, scope: Scope, q: { page: number; pageSize: number; collectiveId?: string; status?: string }) {
  const conds: (SQL | undefined)[] = [runScope(scope)]
  if (q.collectiveId) conds.push(eq(profitSharingRuns.collectiveId, q.collectiveId))
  if (q.status) conds.push(eq(profitSharingRuns.status, q.status))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    db
      .select(runCols)
      .from(profitSharingRuns)
      .innerJoin(collectives, eq(collectives.id, profitSharingRuns.collectiveId))
      .where(where)
      .orderBy(desc(profitSharingRuns.createdAt), desc(profitSharingRuns.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(profitSharingRuns).where(where),
  ])
  return { items: rows.map((r) => runView(r as RunRow)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function getRun(db: DbOrTx, scope: Scope, id: string) {
  const [run] = await db
    .select({ ...runCols, regionName: regions.name })
    .from(profitSharingRuns)
    .innerJoin(collectives, eq(collectives.id, profitSharingRuns.collectiveId))
    .leftJoin(regions, eq(regions.code, profitSharingRuns.regionCode))
    .where(and(eq(profitSharingRuns.id, id), runScope(scope)))
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
  return { ...runView(run as RunRow), regionName: run.regionName, lines }
}

/** A draft run: the declared total split over the active member households with shares (largest remainder). */
export async function createRun(tx: DbOrTx, scope: Scope, userId: string, input: ProfitSharingRunCreate) {
  const collective = await collectiveForWrite(tx, scope, input.collectiveId)
  const members = await tx
    .select(memberCols)
    .from(collectiveMembers)
    .where(and(eq(collectiveMembers.collectiveId, collective.id), eq(collectiveMembers.active, true), sql`${collectiveMembers.shares} > 0`))
    .orderBy(...householdOrder)
  if (members.length === 0)
    throw new ProblemError(422, 'no-shareholders', { zh: '该集体没有持股的成员户', en: 'The collective has no member households with shares' })
  const amounts = splitFen(BigInt(input.totalFen), members.map((m) => BigInt(m.shares)))
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
      createdBy: userId,
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
  return getRun(tx, scope, run!.id)
}

const confirmedProblem = () =>
  new ProblemError(409, 'run-confirmed', { zh: '分红方案已确认，不能再修改', en: 'The run is confirmed and can no longer change' })

export async function confirmRun(tx: DbOrTx, scope: Scope, userId: string, id: string) {
  const run = await getRun(tx, scope, id)
  if (run.status === 'confirmed') throw confirmedProblem()
  const done = await tx
    .update(profitSharingRuns)
    .set({ status: 'confirmed', confirmedBy: userId, confirmedAt: new Date() })
    .where(and(eq(profitSharingRuns.id, id), eq(profitSharingRuns.status, 'draft')))
    .returning({ id: profitSharingRuns.id })
  if (done.length === 0) throw confirmedProblem()
  return getRun(tx, scope, id)
}

export async function deleteRun(tx: DbOrTx, scope: Scope, id: string) {
  const run = await getRun(tx, scope, id)
  if (run.status === 'confirmed') throw confirmedProblem()
  await tx.delete(profitSharingLines).where(eq(profitSharingLines.runId, id))
  await tx.delete(profitSharingRuns).where(and(eq(profitSharingRuns.id, id), eq(profitSharingRuns.status, 'draft')))
  return run
}

/** The printable list as a workbook: Chinese headers, yuan with two decimals, and the exact fen beside them. */
export async function runWorkbook(run: Awaited<ReturnType<typeof getRun>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Gongfang'
  const ws = wb.addWorksheet('分红清单')
  ws.addRow([`${run.collectiveName} ${run.title}`])
  ws.addRow([`期间：${run.period}  分红总额：${fenToYuan(run.totalFen)} 元  户数：${run.households}  总股数：${run.totalShares}  状态：${run.status === 'confirmed' ? '已确认' : '草稿'}`])
  ws.addRow([])
  const header = ws.addRow(['序号', '户号', '户主', '股数', '分红金额（元）', '分红金额（分）', '签字'])
  header.font = { bold: true }
  for (const l of run.lines) {
    const r = ws.addRow([l.seq, l.householdNo, l.headName, l.shares, Number(fenToYuan(l.amountFen)), l.amountFen, ''])
    r.getCell(5).numFmt = '#,##0.00'
  }
  const total = ws.addRow(['合计', '', '', run.totalShares, Number(fenToYuan(run.totalFen)), run.totalFen, ''])
  total.font = { bold: true }
  total.getCell(5).numFmt = '#,##0.00'
  ws.columns.forEach((c, i) => (c.width = [6, 10, 14, 8, 16, 16, 14][i]))
  return Buffer.from(await wb.xlsx.writeBuffer())
}
