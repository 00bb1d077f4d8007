/**
 * Loads a matching instance from the database (orders, operating workshops, their members and the work
 * they already hold), runs solvePlan with HiGHS, stores the proposal, and turns an accepted plan into
 * allocations offered to the workshops.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { PlanWeightsSchema, type Plan, type PlanOptions, type PlanLine } from '@gongfang/shared/orders'
import { audit } from '../../audit/audit.ts'
import { authorize } from '../../auth/access/index.ts'
import { liveAllocation, orderWriteFilter, planRows } from '../../auth/access/orders.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import type { Scope } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { queryRows } from '../../db/client.ts'
import { allocations, orders, plans, workshops } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { lockOrder, reservedQty, syncAllocationStatus } from '../orders/state.ts'
import { ORDER, listAllocationsWhere } from '../orders/views.ts'
import { overlapDays, workingDays } from './geo.ts'
import { highsSolver } from './highs-solver.ts'
import { DEFAULT_WEIGHTS, splitCost, type Instance, type MatchWorkshop } from './instance.ts'
import { solvePlan } from './solve-plan.ts'
import { hasDisability } from '../../vault/index.ts'

const PLAN = { zh: '分配方案', en: 'Plan' }
const MAX_CANDIDATES_PER_ORDER = 400

interface OrderRow {
  id: string
  product: string
  quantity: number
  status: string
  minBatch: number
  maxBatch: number
  skills: string[]
  pickupLng: number
  pickupLat: number
  startOn: string
  dueOn: string
}

export async function createPlan(db: DbOrTx, caller: Caller, orderIds: string[], options: PlanOptions): Promise<Plan> {
  const user = authorize(caller, 'plans.create')
  const today = callerToday(caller)
  const ids = [...new Set(orderIds)]
  const rows = await queryRows<OrderRow>(
    db,
    sql`select id, product, quantity, status, min_batch as "minBatch", max_batch as "maxBatch", skills, pickup_lng as "pickupLng", pickup_lat as "pickupLat",
          to_char(start_on, 'YYYY-MM-DD') as "startOn", to_char(due_on, 'YYYY-MM-DD') as "dueOn"
        from orders where ${inArray(orders.id, ids)} and ${orderWriteFilter(caller.scope)} order by created_at, id`,
  )
  if (rows.length !== ids.length) throw notFound(ORDER)
  const remaining: number[] = []
  for (const o of rows) {
    if (o.status !== 'open')
      throw new ProblemError(409, 'order-not-open', { zh: '只能为待接单的订单做分配方案', en: 'Only open orders can be planned' }, {
        zh: `订单“${o.product}”状态为 ${o.status}`,
        en: `order “${o.product}” is ${o.status}`,
      })
    const left = o.quantity - (await reservedQty(db, o.id))
    if (left <= 0) throw new ProblemError(409, 'order-fully-allocated', { zh: '订单已全部分配', en: 'The order is fully allocated' })
    remaining.push(left)
  }

  // Workshops inside a box around the pick-up points (≈ maxDistance), then exact haversine in pruning.
  const pad = options.maxDistanceKm / 111 + 0.01
  const lngPad = pad / Math.cos((Math.max(...rows.map((o) => Math.abs(o.pickupLat))) * Math.PI) / 180)
  const box = {
    lng0: Math.min(...rows.map((o) => o.pickupLng)) - lngPad,
    lng1: Math.max(...rows.map((o) => o.pickupLng)) + lngPad,
    lat0: Math.min(...rows.map((o) => o.pickupLat)) - pad,
    lat1: Math.max(...rows.map((o) => o.pickupLat)) + pad,
  }
  const inBox = sql`ws.status = 'operating' and ws.daily_capacity > 0 and ws.lng between ${box.lng0} and ${box.lng1} and ws.lat between ${box.lat0} and ${box.lat1}`
  const [wsRows, memberRows, busyRows] = await Promise.all([
    queryRows<{ id: string; name: string; regionCode: string; lng: number; lat: number; skills: string[]; dailyCapacity: number }>(
      db,
      sql`select ws.id, ws.name, ws.region_code as "regionCode", ws.lng, ws.lat, ws.skills, ws.daily_capacity as "dailyCapacity"
          from workshops ws where ${inBox} order by ws.id`,
    ),
    // Priority: current members from a registered low-income household (period covering today) or with a disability grade.
    queryRows<{ workshopId: string; members: number; priority: number }>(
      db,
      sql`select m.workshop_id as "workshopId", count(distinct m.worker_id)::int as members,
            (count(distinct m.worker_id) filter (where ${hasDisability('wk')} or exists (
               select 1 from worker_low_income_periods p where p.worker_id = m.worker_id and p.start_on <= ${today}::date and (p.end_on is null or p.end_on >= ${today}::date))))::int as priority
          from workshop_members m join workers wk on wk.id = m.worker_id join workshops ws on ws.id = m.workshop_id
          where ${inBox} and m.start_on <= ${today}::date and (m.end_on is null or m.end_on >= ${today}::date)
          group by m.workshop_id`,
    ),
    queryRows<{ workshopId: string; quantity: number; startOn: string; dueOn: string }>(
      db,
      sql`select a.workshop_id as "workshopId", a.quantity, to_char(o.start_on, 'YYYY-MM-DD') as "startOn", to_char(o.due_on, 'YYYY-MM-DD') as "dueOn"
          from allocations a join orders o on o.id = a.order_id join workshops ws on ws.id = a.workshop_id
          where ${inBox} and ${liveAllocation(sql`a.status`)} and o.status not in ('delivered', 'settled', 'cancelled')`,
    ),
  ])
  const share = new Map(memberRows.map((m) => [m.workshopId, m.members > 0 ? m.priority / m.members : 0]))
  const busy = new Map<string, { quantity: number; startOn: string; dueOn: string }[]>()
  for (const b of busyRows) busy.set(b.workshopId, [...(busy.get(b.workshopId) ?? []), b])
  const unionStart = rows.map((o) => o.startOn).sort()[0]!
  const unionDue = rows.map((o) => o.dueOn).sort().at(-1)!
  // Work already held, pro-rated to the days its order's period shares with this one.
  const held = (wsId: string, start: string, due: string) =>
    (busy.get(wsId) ?? []).reduce((s, b) => s + (b.quantity * overlapDays(b.startOn, b.dueOn, start, due)) / Math.max(1, workingDays(b.startOn, b.dueOn)), 0)
  const instWorkshops: MatchWorkshop[] = wsRows.map((w) => ({
    id: w.id,
    lng: w.lng,
    lat: w.lat,
    skills: w.skills,
    dailyCapacity: w.dailyCapacity,
    priorityShare: share.get(w.id) ?? 0,
    free: rows.map((o) => Math.max(0, Math.floor(w.dailyCapacity * workingDays(o.startOn, o.dueOn) - held(w.id, o.startOn, o.dueOn)))),
    freeUnion: Math.max(0, Math.floor(w.dailyCapacity * workingDays(unionStart, unionDue) - held(w.id, unionStart, unionDue))),
  }))
  const weights = { ...DEFAULT_WEIGHTS, ...PlanWeightsSchema.partial().parse(options.weights ?? {}) }
  const inst: Instance = {
    orders: rows.map((o, i) => ({
      id: o.id,
      quantity: remaining[i]!,
      minBatch: o.minBatch,
      maxBatch: o.maxBatch,
      lng: o.pickupLng,
      lat: o.pickupLat,
      skills: o.skills,
    })),
    workshops: instWorkshops,
    options: { maxDistanceKm: options.maxDistanceKm, maxWorkshops: options.maxWorkshops, maxCandidatesPerOrder: MAX_CANDIDATES_PER_ORDER, weights },
  }
  const solver = await highsSolver()
  const run = solvePlan(inst, solver, { timeLimitMs: options.timeLimitMs, mipGap: options.mipGap })

  const orderPlans = rows.map((o, oi) => {
    const ks = run.candidates.map((cand, k) => ({ cand, k })).filter(({ cand }) => cand.o === oi)
    const byDistance = [...ks].sort((a, b) => a.cand.distanceKm - b.cand.distanceKm)
    const rank = new Map(byDistance.map(({ k }, i) => [k, i + 1]))
    const lineOf = (k: number, qty: number): PlanLine => {
      const cand = run.candidates[k]!
      const w = wsRows[cand.w]!
      const ws = instWorkshops[cand.w]!
      const days = Math.ceil(qty / Math.max(1, w.dailyCapacity))
      const pct = Math.round(ws.priorityShare * 100)
      const km = Math.round(cand.distanceKm * 10) / 10
      return {
        workshopId: w.id,
        workshopName: w.name,
        regionCode: w.regionCode,
        lng: w.lng,
        lat: w.lat,
        quantity: qty,
        distanceKm: km,
        expectedDays: days,
        freeCapacity: cand.ub,
        priorityShare: Math.round(ws.priorityShare * 100) / 100,
        why: {
          zh: `距取货点 ${km} 公里（${ks.length} 个候选中第 ${rank.get(k)} 近），可接 ${cand.ub} 件${pct > 0 ? `，低收入/残疾工人占 ${pct}%` : ''}；分配 ${qty} 件约需 ${days} 天`,
          en: `${km} km from pick-up (#${rank.get(k)} nearest of ${ks.length} candidates), room for ${cand.ub} pieces${pct > 0 ? `, ${pct}% low-income or disabled workers` : ''}; ${qty} pieces take about ${days} days`,
        },
      }
    }
    const lines = ks.filter(({ k }) => run.qty[k]! > 0).map(({ k }) => lineOf(k, run.qty[k]!)).sort((a, b) => b.quantity - a.quantity)
    const shortfall = run.shortfall[oi]!
    const roomTotal = ks.reduce((s, { cand }) => s + cand.ub, 0)
    const shortfallReason =
      shortfall === 0
        ? null
        : ks.length === 0
          ? {
              zh: `${options.maxDistanceKm} 公里内没有技能匹配且有空闲产能（至少 ${o.minBatch} 件）的工坊`,
              en: `No workshop within ${options.maxDistanceKm} km has the skills and free capacity for at least ${o.minBatch} pieces`,
            }
          : {
              zh: `符合条件的 ${ks.length} 个工坊在交期内最多可接 ${Math.min(roomTotal, run.covered[oi]!)} 件${options.maxWorkshops ? `（最多 ${options.maxWorkshops} 个工坊）` : ''}，还差 ${shortfall} 件；可延长交期、放宽距离或分批`,
              en: `The ${ks.length} eligible workshops can take at most ${run.covered[oi]} pieces by the due date${options.maxWorkshops ? ` (at most ${options.maxWorkshops} workshops)` : ''}; ${shortfall} short — extend the due date, widen the distance or split the order`,
            }
    return {
      orderId: o.id,
      product: o.product,
      quantity: remaining[oi]!,
      covered: run.covered[oi]!,
      shortfall,
      shortfallReason,
      candidates: ks.length,
      lines,
      objective: splitCost(inst, run.candidates, run.qty, oi),
      greedy: {
        lines: ks
          .filter(({ k }) => run.greedyQty[k]! > 0)
          .map(({ k }) => {
            const w = wsRows[run.candidates[k]!.w]!
            return { workshopId: w.id, workshopName: w.name, lng: w.lng, lat: w.lat, quantity: run.greedyQty[k]!, distanceKm: Math.round(run.candidates[k]!.distanceKm * 10) / 10 }
          }),
        covered: run.greedyCovered[oi]!,
        objective: splitCost(inst, run.candidates, run.greedyQty, oi),
      },
    }
  })
  const solverInfo = {
    status: run.status,
    mipGap: run.mipGap,
    solveMs: run.solveMs,
    objectiveFen: run.objective.totalFen,
    greedyObjectiveFen: run.greedyObjective.totalFen,
    ratio: run.greedyObjective.totalFen > 0 ? Math.round((run.objective.totalFen / run.greedyObjective.totalFen) * 1000) / 1000 : null,
    variables: run.variables,
    constraints: run.constraints,
  }
  const result = { solver: solverInfo, orders: orderPlans }
  // The solve reads outside any transaction (it can take seconds); the plan and its audit line are written together.
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(plans)
      .values({ orderIds: rows.map((o) => o.id), options, result, createdBy: user.id })
      .returning({ id: plans.id, createdAt: plans.createdAt })
    await audit(tx, caller, { action: 'plan.create', targetType: 'plan', targetId: row!.id, detail: { orderIds: ids, status: run.status, solveMs: run.solveMs } })
    return row
  })
  return { id: saved!.id, status: 'proposed', orderIds: rows.map((o) => o.id), options, createdAt: saved!.createdAt.toISOString(), ...result }
}

async function visiblePlan(db: DbOrTx, scope: Scope, id: string) {
  const [p] = await db.select().from(plans).where(and(eq(plans.id, id), planRows(scope)))
  return p ?? null
}

export async function getPlan(db: DbOrTx, caller: Caller, id: string): Promise<Plan> {
  authorize(caller, 'plans.read')
  const p = await visiblePlan(db, caller.scope, id)
  if (!p) throw notFound(PLAN)
  const result = p.result as Pick<Plan, 'solver' | 'orders'>
  return { id: p.id, status: p.status as Plan['status'], orderIds: p.orderIds, options: p.options as PlanOptions, createdAt: p.createdAt.toISOString(), ...result }
}

/** Accepting a plan offers each line to its workshop; all or nothing, never above an order's quantity. */
export async function acceptPlan(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'plans.accept')
  return db.transaction(async (tx) => {
    const p = await visiblePlan(tx, caller.scope, id)
    if (!p) throw notFound(PLAN)
    const locked = await queryRows<{ status: string }>(tx, sql`select status from plans where id = ${id} for update`)
    if (locked[0]?.status !== 'proposed')
      throw new ProblemError(409, 'plan-not-proposed', { zh: '该方案已被采纳或已失效', en: 'This plan was already accepted or superseded' })
    const result = p.result as Pick<Plan, 'orders'>
    const created: string[] = []
    for (const op of result.orders) {
      const order = await lockOrder(tx, op.orderId, orderWriteFilter(caller.scope))
      if (!order) throw notFound(ORDER)
      const sum = op.lines.reduce((s, l) => s + l.quantity, 0)
      const reserved = await reservedQty(tx, op.orderId)
      if (order.status !== 'open' || reserved + sum > order.quantity)
        throw new ProblemError(409, 'plan-stale', { zh: '订单在方案生成后已有变化，请重新生成方案', en: 'The order changed since the plan was made; plan again' })
      for (const l of op.lines) {
        const [ws] = await tx.select({ regionCode: workshops.regionCode }).from(workshops).where(eq(workshops.id, l.workshopId))
        const [a] = await tx
          .insert(allocations)
          .values({ orderId: op.orderId, workshopId: l.workshopId, regionCode: ws!.regionCode, quantity: l.quantity, source: 'plan', planId: id, status: 'offered', distanceKm: l.distanceKm })
          .returning({ id: allocations.id })
        created.push(a!.id)
      }
      await syncAllocationStatus(tx, caller, order)
    }
    await tx.update(plans).set({ status: 'accepted', acceptedBy: user.id, acceptedAt: caller.clock.now() }).where(eq(plans.id, id))
    // Other proposals for these orders are now out of date.
    await tx.execute(
      sql`update plans set status = 'superseded' where id <> ${id} and status = 'proposed' and (${sql.join(p.orderIds.map((o) => sql`${o}::uuid = any(order_ids)`), sql` or `)})`,
    )
    await audit(tx, caller, { action: 'plan.accept', targetType: 'plan', targetId: id, detail: { allocations: created.length } })
    return { items: created.length ? await listAllocationsWhere(tx, inArray(allocations.id, created)) : [] }
  })
}
