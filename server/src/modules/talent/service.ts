import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm'
import { maskPhone, type PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize, can, regionInScope, requireLogin } from '../../auth/access/index.ts'
import {
  expertMayEdit,
  expertRows,
  inExpertArea,
  inRegion,
  inRegionOrAbove,
  listRegion,
  ownWorkshopRows,
  problemRows,
  staffOfArea,
} from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import { iso } from '../../db/iso.ts'
import { experts, regions, techProblems, users, workshops } from '../../db/schema/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWithTotals } from '../../http/pagination.ts'
import { activeVault, openExpertPhone, sealExpertPhone } from '../../vault/index.ts'

const EXPERT = { zh: '专家', en: 'Expert' }
const PROBLEM = { zh: '技术难题', en: 'Technical problem' }

/** The expert record linked to the caller's account, if any. */
async function myExpert(db: DbOrTx, caller: Caller) {
  const user = caller.user
  if (!user) return null
  const [e] = await db.select().from(experts).where(eq(experts.userId, user.id))
  return e ?? null
}

const expertCols = {
  id: experts.id,
  name: experts.name,
  title: experts.title,
  phoneEnc: experts.phoneEnc,
  phonePlain: experts.phone,
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
  caller: Caller,
  r: {
    userId: string | null
    phoneEnc: string | null
    phonePlain: string | null
    openProblems: unknown
    resolvedProblems: unknown
    [k: string]: unknown
  },
) {
  const staff = can(caller, 'talent.experts.phone')
  const { userId, phoneEnc, phonePlain, ...rest } = r
  const phone = openExpertPhone(activeVault(), phoneEnc, phonePlain)
  return {
    ...rest,
    phone: phone ? (staff ? phone : maskPhone(phone)) : null,
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

export async function listExperts(
  db: DbOrTx,
  caller: Caller,
  q: PageQuery & { region?: string; skill?: string; availability?: string },
) {
  authorize(caller, 'talent.read')
  const conds: (SQL | undefined)[] = [expertRows(caller)]
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegionOrAbove(experts.regionCode, region))
  if (q.skill) conds.push(sql`${q.skill} = any(${experts.skills})`)
  if (q.availability) conds.push(eq(experts.availability, q.availability))
  const where = and(...conds)
  const { items, page } = await pageWithTotals(
    q,
    db
      .select(expertCols)
      .from(experts)
      .leftJoin(regions, eq(regions.code, experts.regionCode))
      .where(where)
      .orderBy(asc(experts.availability), asc(experts.name))
      .$dynamic(),
    db.select({ n: count() }).from(experts).where(where),
  )
  return { items: items.map((r) => expertView(caller, r)), ...page }
}

export async function getExpert(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'talent.read')
  const [r] = await db
    .select(expertCols)
    .from(experts)
    .leftJoin(regions, eq(regions.code, experts.regionCode))
    .where(and(eq(experts.id, id), expertRows(caller)))
  if (!r) throw notFound(EXPERT)
  return expertView(caller, r)
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
  db: DbOrTx,
  caller: Caller,
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
  const user = authorize(caller, 'talent.experts.create')
  if (!regionInScope(caller.scope, body.regionCode)) throw notFound({ zh: '行政区划', en: 'Region' })
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, body.regionCode))
  if (!region) throw notFound({ zh: '行政区划', en: 'Region' })
  const userId = await userIdFor(db, body.username)
  if (userId) {
    const [taken] = await db.select({ id: experts.id }).from(experts).where(eq(experts.userId, userId))
    if (taken)
      throw new ProblemError(409, 'account-linked', {
        zh: '该账号已关联其他专家',
        en: 'This account is already linked to an expert',
      })
  }
  const id = await db.transaction(async (tx) => {
    const { username: _u, phone, ...values } = body
    const [row] = await tx
      .insert(experts)
      .values({ ...values, ...sealExpertPhone(activeVault(), phone), skills: [...new Set(body.skills)], userId, createdBy: user.id })
      .returning({ id: experts.id })
    await audit(tx, caller, {
      action: 'expert.create',
      targetType: 'expert',
      targetId: row!.id,
      regionCode: body.regionCode,
      detail: { name: body.name, skills: body.skills },
    })
    return row!.id
  })
  return getExpert(db, caller, id)
}

export async function updateExpert(
  db: DbOrTx,
  caller: Caller,
  id: string,
  body: {
    title?: string
    phone?: string
    skills?: string[]
    availability?: 'available' | 'busy' | 'unavailable'
    bio?: string
  },
) {
  requireLogin(caller)
  const [e] = await db.select().from(experts).where(eq(experts.id, id))
  if (!e || !expertMayEdit(caller, e)) throw notFound(EXPERT)
  await db.transaction(async (tx) => {
    const { phone, ...rest } = body
    await tx
      .update(experts)
      .set({
        ...rest,
        ...(phone !== undefined ? { ...sealExpertPhone(activeVault(), phone), phone: null } : {}),
        ...(body.skills ? { skills: [...new Set(body.skills)] } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(experts.id, id))
    await audit(tx, caller, {
      action: 'expert.update',
      targetType: 'expert',
      targetId: id,
      regionCode: e.regionCode,
      // The audit log names a phone change, never the number.
      detail: phone !== undefined ? { ...rest, phone: '(changed)' } : rest,
    })
  })
  return getExpert(db, caller, id)
}

// ---------------------------------------------------------------- problems

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
  db: DbOrTx,
  caller: Caller,
  q: PageQuery & { region?: string; status?: string; workshopId?: string; mine?: boolean },
) {
  authorize(caller, 'talent.read')
  const conds: (SQL | undefined)[] = [problemRows(caller.scope, await myExpert(db, caller))]
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegion(techProblems.regionCode, region))
  if (q.status) conds.push(eq(techProblems.status, q.status))
  if (q.workshopId) conds.push(eq(techProblems.workshopId, q.workshopId))
  if (q.mine) {
    const me = await myExpert(db, caller)
    conds.push(me ? eq(techProblems.expertId, me.id) : sql`false`)
  }
  const where = and(...conds)
  const { items, page } = await pageWithTotals(
    q,
    db
      .select(problemCols)
      .from(techProblems)
      .innerJoin(workshops, eq(workshops.id, techProblems.workshopId))
      .leftJoin(experts, eq(experts.id, techProblems.expertId))
      .where(where)
      .orderBy(
        sql`case ${techProblems.status} when 'open' then 0 when 'accepted' then 1 else 2 end`,
        sql`${techProblems.postedAt} desc`,
      )
      .$dynamic(),
    db.select({ n: count() }).from(techProblems).where(where),
  )
  return { items: items.map(problemView), ...page }
}

export async function getProblem(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'talent.read')
  const [r] = await db
    .select(problemCols)
    .from(techProblems)
    .innerJoin(workshops, eq(workshops.id, techProblems.workshopId))
    .leftJoin(experts, eq(experts.id, techProblems.expertId))
    .where(and(eq(techProblems.id, id), problemRows(caller.scope, await myExpert(db, caller))))
  if (!r) throw notFound(PROBLEM)
  return problemView(r)
}

/** The workshop's operator, its collective, or staff of its area post a problem. */
export async function postProblem(
  db: DbOrTx,
  caller: Caller,
  body: { workshopId: string; title: string; description: string; skill?: string },
) {
  const user = authorize(caller, 'talent.problems.post')
  const [w] = await db
    .select({ id: workshops.id, regionCode: workshops.regionCode })
    .from(workshops)
    .where(and(eq(workshops.id, body.workshopId), ownWorkshopRows(caller.scope)))
  if (!w) throw notFound({ zh: '工坊', en: 'Workshop' })
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(techProblems)
      .values({ ...body, skill: body.skill ?? null, regionCode: w.regionCode, postedBy: user.id })
      .returning({ id: techProblems.id })
    await audit(tx, caller, {
      action: 'tech-problem.post',
      targetType: 'tech_problem',
      targetId: row!.id,
      regionCode: w.regionCode,
      detail: { title: body.title },
    })
    return row!.id
  })
  return getProblem(db, caller, id)
}

/** Staff of the problem's area name an expert; an expert with a login accepts for themself. */
export async function acceptProblem(db: DbOrTx, caller: Caller, id: string, body: { expertId?: string }) {
  const user = requireLogin(caller)
  const p = await getProblem(db, caller, id)
  const me = await myExpert(db, caller)
  const isStaff = can(caller, 'talent.problems.assign') && staffOfArea(caller, p.regionCode)
  let expertId: string
  if (body.expertId && isStaff) {
    expertId = body.expertId
  } else if (me && (!body.expertId || body.expertId === me.id)) {
    if (!inExpertArea(me, p.regionCode)) throw notFound(PROBLEM)
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
  const [e] = await db
    .select()
    .from(experts)
    .where(and(eq(experts.id, expertId), expertRows(caller)))
  if (!e) throw notFound(EXPERT)
  if (e.availability === 'unavailable')
    throw new ProblemError(409, 'expert-unavailable', { zh: '该专家暂不可接单', en: 'This expert is not available' })
  if (!inExpertArea(e, p.regionCode) && !isStaff) throw notFound(PROBLEM)
  await db.transaction(async (tx) => {
    const done = await tx
      .update(techProblems)
      .set({ status: 'accepted', expertId, acceptedBy: user.id, acceptedAt: sql`now()` })
      .where(and(eq(techProblems.id, id), eq(techProblems.status, 'open')))
      .returning({ id: techProblems.id })
    if (done.length === 0)
      throw new ProblemError(409, 'not-open', { zh: '该难题已被接单', en: 'This problem has already been accepted' })
    await audit(tx, caller, {
      action: 'tech-problem.accept',
      targetType: 'tech_problem',
      targetId: id,
      regionCode: p.regionCode,
      detail: { expertId },
    })
  })
  return getProblem(db, caller, id)
}

/** The accepting expert or staff of the area record the outcome: resolved or not, with what was done. */
export async function recordOutcome(
  db: DbOrTx,
  caller: Caller,
  id: string,
  body: { resolved: boolean; outcome: string },
) {
  requireLogin(caller)
  const p = await getProblem(db, caller, id)
  const me = await myExpert(db, caller)
  const isStaff = can(caller, 'talent.problems.assign') && staffOfArea(caller, p.regionCode)
  if (!isStaff && !(me && p.expertId === me.id))
    throw new ProblemError(403, 'forbidden', {
      zh: '只有接单专家或工作人员可以登记结果',
      en: 'Only the accepting expert or staff may record the outcome',
    })
  if (p.status !== 'accepted')
    throw new ProblemError(409, 'not-accepted', { zh: '该难题尚未接单或已办结', en: 'This problem is not in progress' })
  await db.transaction(async (tx) => {
    await tx
      .update(techProblems)
      .set({ status: body.resolved ? 'resolved' : 'unresolved', outcome: body.outcome, closedAt: sql`now()` })
      .where(and(eq(techProblems.id, id), eq(techProblems.status, 'accepted')))
    await audit(tx, caller, {
      action: 'tech-problem.outcome',
      targetType: 'tech_problem',
      targetId: id,
      regionCode: p.regionCode,
      detail: body,
    })
  })
  return getProblem(db, caller, id)
}
