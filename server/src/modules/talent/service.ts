import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import { maskPhone, type PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { regionInScope, scopeFilter, scopeRootRegion } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { experts, regions, techProblems, users, workshops } from '../../db/schema/index.ts'
import type { AppEnv } from '../../http/env.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'

type C = Context<AppEnv>
const EXPERT = { zh: '专家', en: 'Expert' }
const PROBLEM = { zh: '技术难题', en: 'Technical problem' }
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v))

/** The expert record linked to the caller's account, if any. */
async function myExpert(c: C) {
  const user = c.var.user
  if (!user) return null
  const [e] = await c.var.db.select().from(experts).where(eq(experts.userId, user.id))
  return e ?? null
}

/**
 * The pool is shared: anyone logged in sees the experts serving their area — those based within their
 * scope and those based above it (a city's experts serve its counties).
 */
function visibleExperts(c: C): SQL {
  const within = scopeFilter(c.var.scope, { regionCode: experts.regionCode })
  const root = scopeRootRegion(c.var.scope, c.var.user)
  if (!root) return within
  return or(within, sql`${root} like ${experts.regionCode} || '%'`)!
}

const expertCols = {
  id: experts.id,
  name: experts.name,
  title: experts.title,
  phone: experts.phone,
  regionCode: experts.regionCode,
  regionName: regions.name,
  skills: experts.skills,
  availability: experts.availability,
  bio: experts.bio,
  userId: experts.userId,
  openProblems: sql<number>`(select count(*)::int from tech_problems p where p.expert_id = ${experts.id} and p.status = 'accepted')`,
  resolvedProblems: sql<number>`(select count(*)::int from tech_problems p where p.expert_id = ${experts.id} and p.status = 'resolved')`,
}

function expertView(
  c: C,
  r: {
    userId: string | null
    phone: string | null
    openProblems: unknown
    resolvedProblems: unknown
    [k: string]: unknown
  },
) {
  const staff = c.var.user?.role === 'staff' || c.var.user?.role === 'admin'
  const { userId, ...rest } = r
  return {
    ...rest,
    phone: r.phone ? (staff ? r.phone : maskPhone(r.phone)) : null,
    hasLogin: userId !== null,
    openProblems: Number(r.openProblems),
    resolvedProblems: Number(r.resolvedProblems),
  } as {
    id: string
    name: string
    title: string | null
    phone: string | null
    regionCode: string
    regionName: string | null
    skills: string[]
    availability: 'available' | 'busy' | 'unavailable'
    bio: string | null
    hasLogin: boolean
    openProblems: number
    resolvedProblems: number
  }
}

export async function listExperts(c: C, q: PageQuery & { region?: string; skill?: string; availability?: string }) {
  requireUser(c)
  const conds: (SQL | undefined)[] = [visibleExperts(c)]
  if (q.region)
    conds.push(
      or(sql`${experts.regionCode} like ${q.region + '%'}`, sql`${q.region} like ${experts.regionCode} || '%'`),
    )
  if (q.skill) conds.push(sql`${q.skill} = any(${experts.skills})`)
  if (q.availability) conds.push(eq(experts.availability, q.availability))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [n]] = await Promise.all([
    c.var.db
      .select(expertCols)
      .from(experts)
      .leftJoin(regions, eq(regions.code, experts.regionCode))
      .where(where)
      .orderBy(asc(experts.availability), asc(experts.name))
      .limit(limit)
      .offset(offset),
    c.var.db
      .select({ n: sql<number>`count(*)::int` })
      .from(experts)
      .where(where),
  ])
  return { items: rows.map((r) => expertView(c, r)), total: Number(n?.n ?? 0), page: q.page, pageSize: q.pageSize }
}

export async function getExpert(c: C, id: string) {
  requireUser(c)
  const [r] = await c.var.db
    .select(expertCols)
    .from(experts)
    .leftJoin(regions, eq(regions.code, experts.regionCode))
    .where(and(eq(experts.id, id), visibleExperts(c)))
  if (!r) throw notFound(EXPERT)
  return expertView(c, r)
}

async function userIdFor(db: DbOrTx, username: string | undefined) {
  if (!username) return null
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username))
  if (!u)
    throw new ProblemError(422, 'validation', { zh: '账号不存在', en: 'No such account' }, undefined, [
      { path: 'json.username', message: { zh: '账号不存在', en: 'No such account' } },
    ])
  return u.id
}

export async function createExpert(
  c: C,
  body: {
    name: string
    title?: string
    phone?: string
    regionCode: string
    skills: string[]
    availability: 'available' | 'busy' | 'unavailable'
    bio?: string
    username?: string
  },
) {
  const user = requireRole(c, 'staff', 'admin')
  if (!regionInScope(c.var.scope, body.regionCode)) throw notFound({ zh: '行政区划', en: 'Region' })
  const [region] = await c.var.db.select({ code: regions.code }).from(regions).where(eq(regions.code, body.regionCode))
  if (!region) throw notFound({ zh: '行政区划', en: 'Region' })
  const userId = await userIdFor(c.var.db, body.username)
  if (userId) {
    const [taken] = await c.var.db.select({ id: experts.id }).from(experts).where(eq(experts.userId, userId))
    if (taken)
      throw new ProblemError(409, 'account-linked', {
        zh: '该账号已关联其他专家',
        en: 'This account is already linked to an expert',
      })
  }
  const id = await c.var.db.transaction(async (tx) => {
    const { username: _u, ...values } = body
    const [row] = await tx
      .insert(experts)
      .values({ ...values, skills: [...new Set(body.skills)], userId, createdBy: user.id })
      .returning({ id: experts.id })
    await audit(tx, c.var.caller, {
      action: 'expert.create',
      targetType: 'expert',
      targetId: row!.id,
      regionCode: body.regionCode,
      detail: { name: body.name, skills: body.skills },
    })
    return row!.id
  })
  return getExpert(c, id)
}

export async function updateExpert(
  c: C,
  id: string,
  body: {
    title?: string
    phone?: string
    skills?: string[]
    availability?: 'available' | 'busy' | 'unavailable'
    bio?: string
  },
) {
  const user = requireUser(c)
  const [e] = await c.var.db.select().from(experts).where(eq(experts.id, id))
  // Staff of the expert's area, or the expert themself (e.g. to set availability).
  const mine = e?.userId === user.id
  if (!e || (!mine && !regionInScope(c.var.scope, e.regionCode))) throw notFound(EXPERT)
  if (!mine && user.role !== 'staff' && user.role !== 'admin') throw notFound(EXPERT)
  await c.var.db.transaction(async (tx) => {
    await tx
      .update(experts)
      .set({ ...body, ...(body.skills ? { skills: [...new Set(body.skills)] } : {}), updatedAt: sql`now()` })
      .where(eq(experts.id, id))
    await audit(tx, c.var.caller, {
      action: 'expert.update',
      targetType: 'expert',
      targetId: id,
      regionCode: e.regionCode,
      detail: body,
    })
  })
  return getExpert(c, id)
}

// ---------------------------------------------------------------- problems

/** Scope by the workshop; an expert with a login also sees the open problems of their area and their own. */
async function visibleProblems(c: C): Promise<SQL> {
  const base = scopeFilter(c.var.scope, { regionCode: techProblems.regionCode, workshopId: techProblems.workshopId })
  const me = await myExpert(c)
  if (!me) return base
  return or(
    base,
    eq(techProblems.expertId, me.id),
    and(eq(techProblems.status, 'open'), sql`${techProblems.regionCode} like ${me.regionCode + '%'}`),
  )!
}

const problemCols = {
  id: techProblems.id,
  workshopId: techProblems.workshopId,
  workshopName: workshops.name,
  regionCode: techProblems.regionCode,
  title: techProblems.title,
  description: techProblems.description,
  skill: techProblems.skill,
  status: techProblems.status,
  postedAt: techProblems.postedAt,
  expertId: techProblems.expertId,
  expertName: experts.name,
  acceptedAt: techProblems.acceptedAt,
  outcome: techProblems.outcome,
  closedAt: techProblems.closedAt,
}

function problemView(r: {
  postedAt: unknown
  acceptedAt: unknown
  closedAt: unknown
  status: string
  [k: string]: unknown
}) {
  return { ...r, postedAt: iso(r.postedAt)!, acceptedAt: iso(r.acceptedAt), closedAt: iso(r.closedAt) } as {
    id: string
    workshopId: string
    workshopName: string
    regionCode: string
    title: string
    description: string
    skill: string | null
    status: 'open' | 'accepted' | 'resolved' | 'unresolved'
    postedAt: string
    expertId: string | null
    expertName: string | null
    acceptedAt: string | null
    outcome: string | null
    closedAt: string | null
  }
}

export async function listProblems(
  c: C,
  q: PageQuery & { region?: string; status?: string; workshopId?: string; mine?: boolean },
) {
  requireUser(c)
  const conds: (SQL | undefined)[] = [await visibleProblems(c)]
  if (q.region) conds.push(sql`${techProblems.regionCode} like ${q.region + '%'}`)
  if (q.status) conds.push(eq(techProblems.status, q.status))
  if (q.workshopId) conds.push(eq(techProblems.workshopId, q.workshopId))
  if (q.mine) {
    const me = await myExpert(c)
    conds.push(me ? eq(techProblems.expertId, me.id) : sql`false`)
  }
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [n]] = await Promise.all([
    c.var.db
      .select(problemCols)
      .from(techProblems)
      .innerJoin(workshops, eq(workshops.id, techProblems.workshopId))
      .leftJoin(experts, eq(experts.id, techProblems.expertId))
      .where(where)
      .orderBy(
        sql`case ${techProblems.status} when 'open' then 0 when 'accepted' then 1 else 2 end`,
        sql`${techProblems.postedAt} desc`,
      )
      .limit(limit)
      .offset(offset),
    c.var.db
      .select({ n: sql<number>`count(*)::int` })
      .from(techProblems)
      .where(where),
  ])
  return { items: rows.map(problemView), total: Number(n?.n ?? 0), page: q.page, pageSize: q.pageSize }
}

export async function getProblem(c: C, id: string) {
  requireUser(c)
  const [r] = await c.var.db
    .select(problemCols)
    .from(techProblems)
    .innerJoin(workshops, eq(workshops.id, techProblems.workshopId))
    .leftJoin(experts, eq(experts.id, techProblems.expertId))
    .where(and(eq(techProblems.id, id), await visibleProblems(c)))
  if (!r) throw notFound(PROBLEM)
  return problemView(r)
}

/** The workshop's operator, its collective, or staff of its area post a problem. */
export async function postProblem(
  c: C,
  body: { workshopId: string; title: string; description: string; skill?: string },
) {
  const user = requireRole(c, 'staff', 'admin', 'operator', 'collective')
  const [w] = await c.var.db
    .select({ id: workshops.id, regionCode: workshops.regionCode })
    .from(workshops)
    .where(
      and(
        eq(workshops.id, body.workshopId),
        scopeFilter(c.var.scope, { regionCode: workshops.regionCode, workshopId: workshops.id }),
      ),
    )
  if (!w) throw notFound({ zh: '工坊', en: 'Workshop' })
  const id = await c.var.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(techProblems)
      .values({ ...body, skill: body.skill ?? null, regionCode: w.regionCode, postedBy: user.id })
      .returning({ id: techProblems.id })
    await audit(tx, c.var.caller, {
      action: 'tech-problem.post',
      targetType: 'tech_problem',
      targetId: row!.id,
      regionCode: w.regionCode,
      detail: { title: body.title },
    })
    return row!.id
  })
  return getProblem(c, id)
}

/** Staff of the problem's area name an expert; an expert with a login accepts for themself. */
export async function acceptProblem(c: C, id: string, body: { expertId?: string }) {
  const user = requireUser(c)
  const p = await getProblem(c, id)
  const me = await myExpert(c)
  const isStaff = (user.role === 'staff' || user.role === 'admin') && regionInScope(c.var.scope, p.regionCode)
  let expertId: string
  if (body.expertId && isStaff) {
    expertId = body.expertId
  } else if (me && (!body.expertId || body.expertId === me.id)) {
    if (!p.regionCode.startsWith(me.regionCode)) throw notFound(PROBLEM)
    expertId = me.id
  } else if (isStaff) {
    throw new ProblemError(422, 'validation', { zh: '请选择专家', en: 'Choose the expert' }, undefined, [
      { path: 'json.expertId', message: { zh: '必填', en: 'Required' } },
    ])
  } else {
    throw new ProblemError(403, 'forbidden', {
      zh: '只有专家本人或工作人员可以接单',
      en: 'Only the expert or staff may accept a problem',
    })
  }
  const [e] = await c.var.db
    .select()
    .from(experts)
    .where(and(eq(experts.id, expertId), visibleExperts(c)))
  if (!e) throw notFound(EXPERT)
  if (e.availability === 'unavailable')
    throw new ProblemError(409, 'expert-unavailable', { zh: '该专家暂不可接单', en: 'This expert is not available' })
  if (!p.regionCode.startsWith(e.regionCode) && !isStaff) throw notFound(PROBLEM)
  await c.var.db.transaction(async (tx) => {
    const done = await tx
      .update(techProblems)
      .set({ status: 'accepted', expertId, acceptedBy: user.id, acceptedAt: sql`now()` })
      .where(and(eq(techProblems.id, id), eq(techProblems.status, 'open')))
      .returning({ id: techProblems.id })
    if (done.length === 0)
      throw new ProblemError(409, 'not-open', { zh: '该难题已被接单', en: 'This problem has already been accepted' })
    await audit(tx, c.var.caller, {
      action: 'tech-problem.accept',
      targetType: 'tech_problem',
      targetId: id,
      regionCode: p.regionCode,
      detail: { expertId },
    })
  })
  return getProblem(c, id)
}

/** The accepting expert or staff of the area record the outcome: resolved or not, with what was done. */
export async function recordOutcome(c: C, id: string, body: { resolved: boolean; outcome: string }) {
  const user = requireUser(c)
  const p = await getProblem(c, id)
  const me = await myExpert(c)
  const isStaff = (user.role === 'staff' || user.role === 'admin') && regionInScope(c.var.scope, p.regionCode)
  if (!isStaff && !(me && p.expertId === me.id))
    throw new ProblemError(403, 'forbidden', {
      zh: '只有接单专家或工作人员可以登记结果',
      en: 'Only the accepting expert or staff may record the outcome',
    })
  if (p.status !== 'accepted')
    throw new ProblemError(409, 'not-accepted', { zh: '该难题尚未接单或已办结', en: 'This problem is not in progress' })
  await c.var.db.transaction(async (tx) => {
    await tx
      .update(techProblems)
      .set({ status: body.resolved ? 'resolved' : 'unresolved', outcome: body.outcome, closedAt: sql`now()` })
      .where(and(eq(techProblems.id, id), eq(techProblems.status, 'accepted')))
    await audit(tx, c.var.caller, {
      action: 'tech-problem.outcome',
      targetType: 'tech_problem',
      targetId: id,
      regionCode: p.regionCode,
      detail: body,
    })
  })
  return getProblem(c, id)
}
