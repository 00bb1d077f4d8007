/**
 * Scope through HTTP: every GET operation of the OpenAPI document, for generated worlds and callers of every kind,
 * answers exactly what the oracle in test/scope-oracle.ts allows (rows by id, details 200 or 404, roles 403).
 * An operation that is not classified below fails the test, so a new one cannot slip past.
 */
import { expect, test } from 'vitest'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import { addDays, chinaDate } from '@gongfang/shared/clock'
import { useEnv, useTestApp } from '../../../test/harness.ts'
import { sample, type OpenApiDoc } from '../../../test/openapi-sample.ts'
import { buildWorld, clearWorld, median, villagePool, worldArb, type Caller, type Role, type World } from '../../../test/scope-world.ts'
import {
  managesSession,
  seesAllocation,
  seesApplication,
  seesBatch,
  seesBooks,
  seesCollective,
  seesDispute,
  seesEnterprise,
  seesExpert,
  seesOpportunity,
  seesOrder,
  seesPolicy,
  seesProposal,
  seesRecord,
  seesSession,
  seesSheet,
  seesWorker,
  seesWorkshop,
  seesWorkshopAffairs,
} from '../../../test/scope-oracle.ts'

/** Low enough for the generated readers to cross, far above what the test's own callers read in a day. */
const UNUSUAL_MIN = 40
useEnv({ GONGFANG_UNUSUAL_READS_PER_DAY: String(UNUSUAL_MIN) })
const t = useTestApp()

type Resource =
  | 'job'
  | 'workshop'
  | 'worker'
  | 'enterprise'
  | 'collective'
  | 'paysheet'
  | 'session'
  | 'expert'
  | 'problem'
  | 'plan'
  | 'rating'
  | 'nomination'
  | 'batch'
  | 'dispute'
  | 'order'
  | 'allocation'
  | 'sale'
  | 'visit'
  | 'income'
  | 'member'
  | 'run'
  | 'opportunity'
  | 'application'
  | 'target'
  | 'approval-rule'
  | 'proposal'
  | 'arrear'
type Oracle = (c: Caller, row: { id: string }, w: World) => boolean

/** How each GET operation is checked. */
type Check =
  /** A list of generated rows: the ids returned are exactly those the oracle allows. */
  | {
      list: Resource | 'record'
      url: string
      ids?: (body: unknown) => (string | number)[]
      oracle?: Oracle
      roles?: readonly Role[]
    }
  /**
   * A read of one row (or of something hanging off it): `ok` (200) when the oracle allows, else 404; other roles
   * 403. `may`: a row the caller sees but may not act on answers 403.
   */
  | {
      read: Resource
      at: (id: string) => string
      roles?: readonly Role[]
      oracle?: Oracle
      may?: Oracle
      ok?: (row: { id: string }, w: World) => number
      self?: boolean
      /** Slow answers (workbooks): one row the caller sees and one it does not, rather than every row. */
      few?: boolean
    }
  /** An export of a list: as many rows as the oracle allows. */
  | { export: 'workshop' | 'worker' | 'enterprise' | 'collective' }
  /**
   * Role-gated: the status each caller gets. `figures`: what a 200 answer must hold, from the oracle (an
   * aggregate's figures over exactly the rows the caller may see, the caller's own record and nobody else's);
   * checked in every world. `same`: nothing in it is scoped, so every caller who gets 200 gets the same body.
   */
  | {
      gate: (c: Caller) => number
      url?: string | ((w: World) => string)
      figures?: (c: Caller, body: unknown, w: World) => string[]
      /** The answer is a workbook: `figures` gets it loaded. */
      book?: boolean
      same?: boolean
    }

const ANY: readonly Role[] = ['admin', 'staff', 'operator', 'enterprise', 'collective', 'worker']
const STAFF: readonly Role[] = ['admin', 'staff']
const PAYERS: readonly Role[] = ['admin', 'staff', 'operator']
const RATING_READERS: readonly Role[] = ['admin', 'staff', 'operator', 'collective']

/** `roles` get `ok`, other logged-in callers 403, anonymous callers 401 (or `anonymous`). */
const allow =
  (roles: readonly Role[] | 'everyone', ok = 200, anonymous = 401) =>
  (c: Caller) =>
    roles === 'everyone' ? ok : c.role === 'public' ? anonymous : roles.includes(c.role) ? ok : 403

/** Workshops a caller acts for (books, pickers): as seesWorkshop, without the partner enterprise's view. */
const actsFor: Oracle = (c, row, w) => c.role !== 'enterprise' && seesWorkshop(c, row as World['workshops'][number], w)
/** Workshop money (pay sheets, income): never a worker or an enterprise, even of their own workshop. */
const seesPay: Oracle = (c, row, w) => c.role !== 'worker' && actsFor(c, row, w)
const ofType =
  (type: string, o: Oracle): Oracle =>
  (c, row, w) =>
    (row as World['workshops'][number]).type === type && o(c, row, w)
/** Earnings: a worker their own; anyone else a worker's earnings as far as they see the worker's piece work. */
const earningsSeen: Oracle = (c, row, w) =>
  c.role === 'worker' ? c.workerId === row.id : w.records.some((r) => r.workerId === row.id && seesRecord(c, r, w))
/** A worker always gets their own (whoever they name); others the worker they name, when they see them. */
const ownOrNamed: Oracle = (c, row, w) => c.role === 'worker' || seesWorker(c, row as World['workers'][number], w)
/** A collective account always writes for its own collective (naming another is 404); staff name one in scope. */
const ownCollective: Oracle = (c, row) =>
  c.role === 'collective' ? c.collectiveId === row.id : seesCollective(c, row as World['collectives'][number])

/** The wage ledger exists once a sheet is locked: an open one answers 409 to those who see it. */
const ledgerReady = (row: { id: string }, w: World) => (w.paysheets.find((s) => s.id === row.id)!.locked ? 200 : 409)

const hitsOf = (kind: string) => (body: unknown) =>
  (body as { kind: string; id: string }[]).filter((h) => h.kind === kind).map((h) => h.id)
const arrayOf = (body: unknown): (string | number)[] => (body as { id: string }[]).map((x) => x.id)

// ---- figures: aggregates recomputed from the generated rows the caller may see (regions by code prefix)

/** The region staff figures are about: an administrator's is the province, staff their own. */
const figureRoot = (c: Caller) => (c.role === 'admin' ? '33' : c.regionCode!)
/** Piece work of the generated world is all on 2024-03-01, `amountFen` = qty × 10. */
const fen = (_w: World, recs: World['records']) => recs.reduce((s, r) => s + r.qty * 10, 0)
/** Wages, good pieces and people employed at the workshops of a region (work lines carry the workshop's region). */
function workFigures(w: World, inside: (r: World['records'][number]) => boolean) {
  const recs = w.records.filter(inside)
  return {
    wagesFen: fen(w, recs),
    goodQty: recs.reduce((s, r) => s + r.qty, 0),
    workersEmployed: new Set(recs.map((r) => r.workerId)).size,
  }
}
const differs = (what: string, got: unknown, want: unknown) =>
  JSON.stringify(got) === JSON.stringify(want) ? [] : [`${what} ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`]

type Figures = { wagesFen: number; goodQty: number; workersEmployed: number; collectiveIncomeFen: number }
const cockpitSummary = (c: Caller, body: unknown, w: World) => {
  const root = figureRoot(c)
  const f = (body as { figures: Figures }).figures
  return differs(
    'figures',
    {
      wagesFen: f.wagesFen,
      goodQty: f.goodQty,
      workersEmployed: f.workersEmployed,
      collectiveIncomeFen: f.collectiveIncomeFen,
    },
    {
      ...workFigures(w, (r) => r.regionCode.startsWith(root)),
      collectiveIncomeFen: 500_000 * w.incomes.filter((x) => x.regionCode.startsWith(root)).length,
    },
  )
}
/** Each child of the caller's region (a workshop under a village) holds its own rows; together, all of them. */
const cockpitChildren = (c: Caller, body: unknown, w: World) => {
  const root = figureRoot(c)
  const items = (body as { items: { code: string; level: string; figures: Figures }[] }).items
  const out = items.flatMap((x) =>
    differs(
      `child ${x.code} wages`,
      x.figures.wagesFen,
      workFigures(w, (r) => (x.level === 'workshop' ? r.workshopId === x.code : r.regionCode.startsWith(x.code)))
        .wagesFen,
    ),
  )
  return [
    ...out,
    ...differs(
      'wages over the children',
      items.reduce((s, x) => s + x.figures.wagesFen, 0),
      workFigures(w, (r) => r.regionCode.startsWith(root)).wagesFen,
    ),
  ]
}
const cockpitTrend = (c: Caller, body: unknown, w: World) => {
  const root = figureRoot(c)
  const wages = workFigures(w, (r) => r.regionCode.startsWith(root)).wagesFen
  return differs('wages by month', (body as { series: unknown }).series, [
    { month: '2024-02', value: 0 },
    { month: '2024-03', value: wages },
  ])
}
/** Income is by the worker's home village, over all their work wherever it was done. */
const earners = (c: Caller, w: World) => {
  const root = figureRoot(c)
  return w.workers
    .filter((p) => p.regionCode.startsWith(root))
    .map((p) => ({
      id: p.id,
      earningsFen: fen(
        w,
        w.records.filter((r) => r.workerId === p.id),
      ),
    }))
}
const incomeWorkers = (c: Caller, body: unknown, w: World) => {
  const b = body as { items: { id: string; earningsFen: number }[]; total: number }
  const want = earners(c, w)
  const byId = (xs: { id: string; earningsFen: number }[]) => [...xs].map((x) => `${x.id}:${x.earningsFen}`).sort()
  return [
    ...differs('workers', byId(b.items.map(({ id, earningsFen }) => ({ id, earningsFen }))), byId(want)),
    ...differs('total', b.total, want.length),
  ]
}
const incomeSummary = (c: Caller, body: unknown, w: World) => {
  const all = (body as { cohorts: { cohort: string; workersEmployed: number; wagesFen: number }[] }).cohorts.find(
    (x) => x.cohort === 'all',
  )!
  const employed = earners(c, w).filter((x) => x.earningsFen > 0)
  return differs(
    'all cohort',
    { workersEmployed: all.workersEmployed, wagesFen: all.wagesFen },
    { workersEmployed: employed.length, wagesFen: employed.reduce((s, x) => s + x.earningsFen, 0) },
  )
}
/** Alerts name only workers living in the caller's region. */
const incomeAlerts = (c: Caller, body: unknown, w: World) => {
  const mine = new Set(earners(c, w).map((x) => x.id))
  return (body as { items: { workerId: string }[] }).items
    .filter((a) => !mine.has(a.workerId))
    .map((a) => `alert about ${a.workerId}, not a worker of ${figureRoot(c)}`)
}
const inRegionOf = (c: Caller, code: string | null) =>
  c.role === 'admin' || (code !== null && c.role === 'staff' && code.startsWith(c.regionCode!))
const workbench = (c: Caller, body: unknown, w: World) => {
  const count = (key: string) =>
    (body as { items: { key: string; count: number }[] }).items.find((i) => i.key === key)!.count
  return differs(
    'counts',
    {
      paysheetsAwaitingApproval: count('paysheetsAwaitingApproval'),
      partnerApplications: count('partnerApplications'),
      disputesToMediate: count('disputesToMediate'),
    },
    {
      // The generated sheets are drafts or locked: none waits for approval.
      paysheetsAwaitingApproval: 0,
      partnerApplications: w.applications.filter((a) => inRegionOf(c, a.regionCode)).length,
      disputesToMediate: w.disputes.filter((d) => inRegionOf(c, d.regionCode)).length,
    },
  )
}
/**
 * Coverage counts operating workshops per township of the region asked, by default the caller's own (staff) or
 * the province (everyone else): a public aggregate, but one whose default region is the caller's.
 */
const operatingByTownship = (c: Caller, w: World) => {
  const root = c.role === 'staff' ? c.regionCode! : '33'
  const n = new Map<string, number>()
  for (const s of w.workshops)
    if (s.operating && s.regionCode.startsWith(root) && s.regionCode.slice(0, 9).startsWith(root))
      n.set(s.regionCode.slice(0, 9), (n.get(s.regionCode.slice(0, 9)) ?? 0) + 1)
  return n
}
const coverage = (c: Caller, body: unknown, w: World) => {
  const b = body as { items: { code: string; operatingWorkshops: number }[]; covered: number }
  const want = operatingByTownship(c, w)
  return [
    ...differs('covered townships', b.covered, want.size),
    ...b.items.flatMap((x) => differs(`township ${x.code}`, x.operatingWorkshops, want.get(x.code) ?? 0)),
  ]
}
/** The export lists every township: those with operating workshops are exactly the oracle's. */
const coverageCsv = (c: Caller, body: unknown, w: World) => {
  const [head, ...rows] = (body as string).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((r) => r.split(','))
  const code = head!.findIndex((h) => h.startsWith('区划代码'))
  const count = head!.findIndex((h) => h.startsWith('运营中工坊数'))
  const got = rows.filter((r) => Number(r[count]) > 0).map((r) => `${r[code]}:${r[count]}`)
  return differs('operating by township', sorted(got), sorted([...operatingByTownship(c, w)].map(([k, v]) => `${k}:${v}`)))
}
/** Every village of the region table (reference data, not the world): loaded once by the test. */
let villageCodes: string[] = []
/** The import template's lookup sheet names exactly the villages of the caller's region (the province for admin). */
const templateVillages = (c: Caller, body: unknown) => {
  const root = c.role === 'staff' ? c.regionCode! : '33'
  const got: string[] = []
  ;(body as ExcelJS.Workbook).getWorksheet('村名对照')?.eachRow((r, n) => {
    if (n > 1) got.push(String(r.getCell(4).value))
  })
  const want = villageCodes.filter((v) => v.startsWith(root))
  return got.length === want.length && sorted(got) === sorted(want) ? [] : [`${got.length} villages in the lookup, oracle ${want.length}`]
}
const idsOf = (xs: { id: string | number }[]) => sorted(xs.map((x) => x.id))
const notices = (c: Caller, body: unknown, w: World) =>
  differs('notices', idsOf(body as { id: number }[]), idsOf(w.notices.filter((n) => inRegionOf(c, n.regionCode))))
const auditSeen = (c: Caller, w: World) => w.audits.filter((a) => inRegionOf(c, a.regionCode))
const audit = (c: Caller, body: unknown, w: World) => {
  const b = body as { items: { id: number }[]; total: number }
  const want = auditSeen(c, w)
  return [...differs('entries', idsOf(b.items), idsOf(want)), ...differs('total', b.total, want.length)]
}
/**
 * Days on which an account read unusually many people (at least UNUSUAL_MIN, and five times its median day of the
 * 30 before), in the last 7 China days, among reads filed in the caller's region. Only the generated readers can
 * reach the threshold: the test's own callers read a world of at most a few dozen people.
 */
const unusual = (c: Caller, body: unknown, w: World) => {
  const today = chinaDate()
  const days = new Map<string, { username: string; day: string; people: number }>()
  for (const r of w.readerDays.filter((x) => inRegionOf(c, x.regionCode))) {
    const d = days.get(`${r.userId} ${r.day}`) ?? days.set(`${r.userId} ${r.day}`, { username: r.username, day: r.day, people: 0 }).get(`${r.userId} ${r.day}`)!
    d.people += r.people
  }
  const want = [...days.entries()]
    .filter(([, d]) => d.day >= addDays(today, -6))
    .map(([key, d]) => {
      const user = key.split(' ')[0]!
      const before = [...days.entries()].filter(
        ([k, e]) => k.startsWith(`${user} `) && e.day >= addDays(d.day, -30) && e.day < d.day,
      )
      return { ...d, usual: median(before.map(([, e]) => e.people)) }
    })
    .filter((d) => d.people >= UNUSUAL_MIN && d.people >= 5 * d.usual)
  const rows = (xs: { username: string | null; day: string; people: number; usual: number }[]) =>
    xs.map((x) => `${x.username} ${x.day} ${x.people} ${x.usual}`).sort()
  return differs('unusual days', rows(body as typeof want), rows(want))
}
const auditCsv = (c: Caller, body: unknown, w: World) =>
  differs('rows', csvRows(body as string), auditSeen(c, w).length)
/** The caller's own account, and nobody else's. */
const me = (c: Caller, body: unknown) => {
  const b = body as { id: string; role: string }
  return differs('account', { id: b.id, role: b.role }, { id: c.userId, role: c.role })
}
/** Each generated account has one session, the one asking: another's would show here as a second. */
const sessions = (_c: Caller, body: unknown) =>
  differs(
    'sessions',
    (body as { current: boolean }[]).map((s) => s.current),
    [true],
  )
/** A worker sees who looked at their own record: the generated entries about them, none about anyone else. */
const views = (c: Caller, body: unknown, w: World) =>
  differs(
    'generated views',
    (body as { action: string }[]).filter((v) => v.action === w.auditAction).length,
    w.audits.filter((a) => a.subjectId === c.workerId).length,
  )
/** Data rows of a workbook's first sheet (after its heading row), as cell values. */
const sheetRows = (body: unknown) =>
  ((body as ExcelJS.Workbook).worksheets[0]!.getSheetValues() as unknown[][])
    .slice(2)
    .filter((r) => r !== undefined)
    .map((r) => r.slice(1))
const yuanToFen = (v: unknown) => Math.round(Number(v) * 100)
/** The income workbook: one row per worker living in the region, with their earnings (column 8, yuan). */
const incomeBook = (c: Caller, body: unknown, w: World) => {
  const names = new Map(w.workers.map((p) => [p.id, p.name]))
  const got = sheetRows(body).map((r) => `${String(r[0])}:${yuanToFen(r[7])}`)
  const want = earners(c, w).map((x) => `${names.get(x.id)}:${x.earningsFen}`)
  return differs('rows', got.sort(), want.sort())
}
/** The alert workbook names only workers living in the region (column 2). */
const alertBook = (c: Caller, body: unknown, w: World) => {
  const mine = new Set(earners(c, w).map((x) => w.workers.find((p) => p.id === x.id)!.name))
  return sheetRows(body)
    .map((r) => String(r[1]))
    .filter((n) => !mine.has(n))
    .map((n) => `alert about ${n}, not a worker of ${figureRoot(c)}`)
}
/** The cockpit workbook's summary sheet: the region's wages and good pieces. */
const cockpitBook = (c: Caller, body: unknown, w: World) => {
  const s = (body as ExcelJS.Workbook).getWorksheet('概况')!
  const value = (label: string) => s.getRow(s.getColumn(1).values.indexOf(label)).getCell(2).value
  const f = workFigures(w, (r) => r.regionCode.startsWith(figureRoot(c)))
  return differs('wages (yuan)', yuanToFen(value('发放工资（元）')), f.wagesFen)
}
/** A month's reconciliation sums the net pay of the locked sheets the caller may see. */
const reconciliation = (c: Caller, body: unknown, w: World) =>
  differs(
    'net',
    (body as { netFen: number }).netFen,
    w.paysheets.filter((x) => x.locked && seesSheet(c, x, w)).reduce((s, x) => s + x.totalFen, 0),
  )
/** The administrator lists every account: each generated one is there. */
const users = (_c: Caller, body: unknown, w: World) => {
  const got = new Set((body as { items: { id: string }[] }).items.map((u) => u.id))
  return w.accounts.filter((id) => !got.has(id)).map((id) => `account ${id} missing`)
}

const OPS: Record<string, Check> = {
  // ---- rows of the generated world
  '/workshops': { list: 'workshop', url: '/workshops?pageSize=200' },
  '/workshops/{id}': { read: 'workshop', at: (id) => `/workshops/${id}`, self: true },
  '/workshops/{id}/status-history': { read: 'workshop', at: (id) => `/workshops/${id}/status-history` },
  '/workshops/{id}/history': { read: 'workshop', at: (id) => `/workshops/${id}/history` },
  '/workshops/{id}/members': { read: 'workshop', at: (id) => `/workshops/${id}/members?all=true` },
  '/workshops/export': { export: 'workshop' },
  '/workers': { list: 'worker', url: '/workers?pageSize=200' },
  '/workers/{id}': { read: 'worker', at: (id) => `/workers/${id}`, self: true },
  '/workers/{id}/history': { read: 'worker', at: (id) => `/workers/${id}/history` },
  '/workers/{id}/disability-consents': { read: 'worker', at: (id) => `/workers/${id}/disability-consents` },
  '/workers/{id}/skills': { read: 'worker', at: (id) => `/workers/${id}/skills` },
  '/workers/{id}/account': { read: 'worker', at: (id) => `/workers/${id}/account` },
  '/workers/export': { export: 'worker' },
  '/enterprises': { list: 'enterprise', url: '/enterprises?pageSize=200' },
  '/enterprises/{id}': { read: 'enterprise', at: (id) => `/enterprises/${id}`, self: true },
  '/enterprises/{id}/history': { read: 'enterprise', at: (id) => `/enterprises/${id}/history` },
  '/enterprises/export': { export: 'enterprise' },
  '/collectives': { list: 'collective', url: '/collectives?pageSize=200' },
  '/collectives/{id}': { read: 'collective', at: (id) => `/collectives/${id}`, self: true },
  '/collectives/{id}/history': { read: 'collective', at: (id) => `/collectives/${id}/history` },
  '/collectives/export': { export: 'collective' },
  '/work-records': { list: 'record', url: '/work-records?pageSize=200' },
  '/work-records/workshops': { list: 'workshop', url: '/work-records/workshops', ids: arrayOf, oracle: actsFor },
  '/work-records/day-sheet': {
    read: 'workshop',
    at: (id) => `/work-records/day-sheet?workshopId=${id}&date=2024-03-01`,
    oracle: actsFor,
  },
  '/work-records/earnings': {
    read: 'worker',
    at: (id) => `/work-records/earnings?workerId=${id}&month=2024-03`,
    oracle: earningsSeen,
  },
  '/work-products': { read: 'workshop', at: (id) => `/work-products?workshopId=${id}`, oracle: actsFor },
  '/paysheets/income': {
    read: 'workshop',
    at: (id) => `/paysheets/income?workshopId=${id}&from=2024-01&to=2024-03`,
    oracle: seesPay,
  },
  '/payslips': {
    read: 'worker',
    at: (id) => `/payslips?workerId=${id}&month=2024-03`,
    roles: ['worker', ...PAYERS],
    oracle: ownOrNamed,
  },
  '/sales-sessions/workshops': {
    list: 'workshop',
    url: '/sales-sessions/workshops',
    ids: arrayOf,
    oracle: ofType('ecommerce', actsFor),
  },
  '/tourism-records/workshops': {
    list: 'workshop',
    url: '/tourism-records/workshops',
    ids: arrayOf,
    oracle: ofType('agritourism', actsFor),
  },
  '/collective-incomes/collectives': { list: 'collective', url: '/collective-incomes/collectives', ids: arrayOf },
  '/collective-incomes/sources': {
    read: 'collective',
    at: (id) => `/collective-incomes/sources?collectiveId=${id}`,
    roles: ['admin', 'staff', 'collective'],
    oracle: ownCollective,
  },
  // The global search (up to 5 of each kind; the world has at most 5 workshops).
  '/paysheets': { list: 'paysheet', url: '/paysheets?pageSize=200' },
  '/paysheets/{id}': { read: 'paysheet', at: (id) => `/paysheets/${id}`, self: true },
  '/paysheets/{id}/verify': { read: 'paysheet', at: (id) => `/paysheets/${id}/verify`, self: true },
  '/paysheets/{id}/export.xlsx': { read: 'paysheet', at: (id) => `/paysheets/${id}/export.xlsx`, few: true },
  '/paysheets/{id}/deductions': { read: 'paysheet', at: (id) => `/paysheets/${id}/deductions` },
  '/paysheets/{id}/ledger.xlsx': {
    read: 'paysheet',
    at: (id) => `/paysheets/${id}/ledger.xlsx`,
    roles: PAYERS,
    ok: ledgerReady,
    few: true,
  },
  '/training-sessions': { list: 'session', url: '/training-sessions?pageSize=200' },
  '/training-sessions/{id}': { read: 'session', at: (id) => `/training-sessions/${id}`, self: true },
  '/training-sessions/{id}/enrolments': {
    read: 'session',
    at: (id) => `/training-sessions/${id}/enrolments`,
    roles: PAYERS,
    may: (c, row, w) => managesSession(c, row as World['sessions'][number], w),
  },
  '/experts': { list: 'expert', url: '/experts?pageSize=200' },
  '/experts/{id}': { read: 'expert', at: (id) => `/experts/${id}`, self: true },
  '/tech-problems': { list: 'problem', url: '/tech-problems?pageSize=200' },
  '/tech-problems/{id}': { read: 'problem', at: (id) => `/tech-problems/${id}`, self: true },
  '/improvement-plans': { list: 'plan', url: '/improvement-plans?pageSize=200', roles: RATING_READERS },
  '/improvement-plans/{id}': {
    read: 'plan',
    at: (id) => `/improvement-plans/${id}`,
    roles: RATING_READERS,
    self: true,
  },
  '/ratings': { list: 'rating', url: '/ratings?year=2024&pageSize=200', roles: RATING_READERS },
  '/ratings/{id}': { read: 'rating', at: (id) => `/ratings/${id}`, roles: RATING_READERS, self: true },
  '/demonstration-nominations': {
    list: 'nomination',
    url: '/demonstration-nominations?pageSize=200',
    roles: RATING_READERS,
  },
  '/payment-batches': { list: 'batch', url: '/payment-batches?pageSize=200', roles: PAYERS },
  '/payment-batches/{id}': { read: 'batch', at: (id) => `/payment-batches/${id}`, roles: PAYERS, self: true },
  // The generated batches have no lines: those who see one get 409 (no bank lines to pay), the others 404.
  '/payment-batches/{id}/file': {
    read: 'batch',
    at: (id) => `/payment-batches/${id}/file`,
    roles: PAYERS,
    ok: () => 409,
  },
  '/jobs/{id}': { read: 'job', at: (id) => `/jobs/${id}`, self: true },
  // Only an export has a file, and only for its owner, not even an administrator; this world's have expired (410).
  '/jobs/{id}/file': {
    read: 'job',
    at: (id) => `/jobs/${id}/file`,
    oracle: (c, row) => (row as World['jobs'][number]).owner === c.userId && (row as World['jobs'][number]).export,
    ok: () => 410,
  },
  '/disputes': { list: 'dispute', url: '/disputes', ids: (b) => arrayOf((b as { items: unknown }).items) },
  '/disputes/{id}': { read: 'dispute', at: (id) => `/disputes/${id}`, self: true },
  '/orders': { list: 'order', url: '/orders?pageSize=200' },
  '/orders/{id}': { read: 'order', at: (id) => `/orders/${id}`, self: true },
  '/allocations': { list: 'allocation', url: '/allocations', ids: (b) => arrayOf((b as { items: unknown }).items) },
  '/sales-sessions': { list: 'sale', url: '/sales-sessions?pageSize=200' },
  '/tourism-records': { list: 'visit', url: '/tourism-records?pageSize=200' },
  '/collective-incomes': { list: 'income', url: '/collective-incomes?pageSize=200' },
  '/collective-members': { list: 'member', url: '/collective-members?pageSize=200' },
  '/profit-sharing-runs': { list: 'run', url: '/profit-sharing-runs?pageSize=200' },
  '/profit-sharing-runs/{id}': { read: 'run', at: (id) => `/profit-sharing-runs/${id}`, self: true },
  '/profit-sharing-runs/{id}/export.xlsx': {
    read: 'run',
    at: (id) => `/profit-sharing-runs/${id}/export.xlsx`,
    few: true,
  },
  '/partner-opportunities': { list: 'opportunity', url: '/partner-opportunities?pageSize=200' },
  '/partner-opportunities/{id}': { read: 'opportunity', at: (id) => `/partner-opportunities/${id}`, self: true },
  '/partner-applications': { list: 'application', url: '/partner-applications?pageSize=200' },
  '/partner-applications/{id}': { read: 'application', at: (id) => `/partner-applications/${id}`, self: true },
  '/targets': { list: 'target', url: '/targets?pageSize=200', roles: STAFF },
  '/paysheets/approval-rules': {
    list: 'approval-rule',
    url: '/paysheets/approval-rules',
    roles: STAFF,
    ids: (b) => (b as { regionCode: string }[]).map((r) => r.regionCode),
  },
  '/plans/{id}': { read: 'proposal', at: (id) => `/plans/${id}`, self: true },
  '/arrears': {
    list: 'arrear',
    url: '/arrears',
    ids: (b) =>
      (b as { items: { orderId: string; workshopId: string }[] }).items.map((l) => `${l.orderId}/${l.workshopId}`),
  },
  '/search': {
    list: 'workshop',
    url: `/search?q=${encodeURIComponent('工坊')}`,
    roles: ['admin', 'staff', 'operator', 'enterprise', 'collective'],
    ids: hitsOf('workshop'),
  },

  // ---- role gates with figures: aggregates, public pages, the caller's own account (sessions, views), audit and
  // templates, each checked against the oracle's figures or as the same answer for every caller.
  '/health': { gate: allow('everyone'), same: true },
  '/auth/me': { gate: allow(ANY), figures: me },
  '/auth/sessions': { gate: allow(ANY), figures: sessions },
  '/regions': { gate: allow('everyone'), same: true },
  '/regions/{code}': { gate: allow('everyone'), same: true },
  '/maps/{file}': { gate: allow('everyone'), same: true },
  '/mountain-counties': { gate: allow('everyone'), same: true },
  '/coverage': { gate: allow('everyone'), url: '/coverage?pageSize=200', figures: coverage },
  '/coverage/map': { gate: allow('everyone'), same: true },
  '/training/headcount': { gate: allow('everyone'), same: true },
  '/public/summary': { gate: allow('everyone'), same: true },
  '/public/demo-status': { gate: allow('everyone'), same: true },
  '/imports/{kind}/template.xlsx': { gate: allow(STAFF), url: '/imports/workers/template.xlsx', book: true, figures: templateVillages },
  // Staff read the criteria of the counties their region overlaps (a township's staff: their county's), the
  // same criteria for all of them.
  '/rating-criteria/{county}': {
    url: '/rating-criteria/331126',
    same: true,
    gate: (c) =>
      c.role === 'staff'
        ? '331126'.startsWith(c.regionCode!) || c.regionCode!.startsWith('331126')
          ? 200
          : 404
        : allow(STAFF)(c),
  },
  '/coverage/export': { gate: allow(STAFF), url: '/coverage/export?format=csv', figures: coverageCsv },
  '/cockpit/summary': { gate: allow(STAFF), url: '/cockpit/summary?from=2024-03&to=2024-03', figures: cockpitSummary },
  '/cockpit/children': {
    gate: allow(STAFF),
    url: '/cockpit/children?from=2024-03&to=2024-03',
    figures: cockpitChildren,
  },
  '/cockpit/trend': {
    gate: allow(STAFF),
    url: '/cockpit/trend?figure=wagesFen&from=2024-02&to=2024-03',
    figures: cockpitTrend,
  },
  '/cockpit/export.xlsx': {
    gate: allow(STAFF),
    url: '/cockpit/export.xlsx?from=2024-03&to=2024-03',
    book: true,
    figures: cockpitBook,
  },
  '/income/summary': { gate: allow(STAFF), url: '/income/summary?from=2024-03&to=2024-03', figures: incomeSummary },
  '/income/workers': {
    gate: allow(STAFF),
    url: '/income/workers?from=2024-03&to=2024-03&pageSize=200',
    figures: incomeWorkers,
  },
  '/income/workers.xlsx': {
    gate: allow(STAFF),
    url: '/income/workers.xlsx?from=2024-03&to=2024-03',
    book: true,
    figures: incomeBook,
  },
  '/income/alerts': { gate: allow(STAFF), url: '/income/alerts?month=2024-03&pageSize=200', figures: incomeAlerts },
  '/income/alerts.xlsx': {
    gate: allow(STAFF),
    url: '/income/alerts.xlsx?month=2024-03',
    book: true,
    figures: alertBook,
  },
  '/workbench': { gate: allow(STAFF), figures: workbench },
  '/notices': { gate: allow(STAFF), figures: notices },
  '/audit': { gate: allow(STAFF), url: (w) => `/audit?action=${w.auditAction}&pageSize=200`, figures: audit },
  '/audit/unusual': { gate: allow(STAFF), figures: unusual },
  '/audit/export.csv': {
    gate: allow(STAFF),
    url: (w) => `/audit/export.csv?action=${w.auditAction}`,
    figures: auditCsv,
  },
  '/users': { gate: allow(['admin']), url: '/users?pageSize=200', figures: users },
  '/me/views': { gate: allow(['worker']), figures: views },
  '/payments/reconciliation': {
    gate: allow(PAYERS),
    url: '/payments/reconciliation?month=2024-03',
    figures: reconciliation,
  },
  '/bank-templates': { gate: allow(PAYERS), same: true },
}

let doc: OpenApiDoc

/** A request built from the operation's own schemas: path parameters and required query values sampled. */
function autoUrl(op: string): string {
  const o = doc.paths[op]!.get!
  const path = op.replace(/\{(\w+)\}/g, (_, k: string) =>
    encodeURIComponent(String(sample(doc, o.parameters?.find((x) => x.in === 'path' && x.name === k)?.schema))),
  )
  const qs = new URLSearchParams(
    (o.parameters ?? [])
      .filter((x) => x.in === 'query' && x.required)
      .map((x): [string, string] => [x.name, String(sample(doc, x.schema))]),
  ).toString()
  return `${path}${qs ? `?${qs}` : ''}`
}

const problems: string[] = []
const say = (c: Caller, op: string, what: string) => problems.push(`${op} as ${c.label}: ${what}`)

async function get(c: Caller, path: string) {
  return t.api('GET', `/api${path}`, { headers: c.token ? { authorization: `Bearer ${c.token}` } : {} })
}

const rowsOf = (w: World, r: Resource) =>
  ({
    job: w.jobs,
    workshop: w.workshops,
    worker: w.workers,
    enterprise: w.enterprises,
    collective: w.collectives,
    paysheet: w.paysheets,
    session: w.sessions,
    expert: w.experts,
    problem: w.problems,
    plan: w.plans,
    rating: w.ratings,
    nomination: w.nominations,
    batch: w.batches,
    dispute: w.disputes,
    order: w.orders,
    allocation: w.allocations,
    sale: w.sales,
    visit: w.tourism,
    income: w.incomes,
    member: w.members,
    run: w.runs,
    opportunity: w.opportunities,
    application: w.applications,
    target: w.targets,
    'approval-rule': w.approvalRules,
    proposal: w.proposals,
    arrear: w.arrears,
  })[r] as { id: string }[]

const SEES: Record<Resource, Oracle> = {
  // A job is its owner's; an administrator may follow anyone's (but not download another's file).
  job: (c, row) => c.role === 'admin' || (row as World['jobs'][number]).owner === c.userId,
  workshop: (c, row, w) => seesWorkshop(c, row as World['workshops'][number], w),
  worker: (c, row, w) => seesWorker(c, row as World['workers'][number], w),
  enterprise: (c, row) => seesEnterprise(c, row as World['enterprises'][number]),
  collective: (c, row) => seesCollective(c, row as World['collectives'][number]),
  paysheet: (c, row, w) => seesSheet(c, row as World['paysheets'][number], w),
  session: (c, row, w) => seesSession(c, row as World['sessions'][number], w),
  expert: (c, row) => seesExpert(c, row as World['experts'][number]),
  problem: (c, row, w) => seesWorkshopAffairs(c, row as World['problems'][number], w),
  plan: (c, row, w) => seesWorkshopAffairs(c, row as World['plans'][number], w),
  rating: (c, row, w) => seesWorkshopAffairs(c, row as World['ratings'][number], w),
  nomination: (c, row, w) => seesWorkshopAffairs(c, row as World['nominations'][number], w),
  batch: (c, row, w) => seesBatch(c, row as World['batches'][number], w),
  dispute: (c, row, w) => seesDispute(c, row as World['disputes'][number], w),
  order: (c, row, w) => seesOrder(c, row as World['orders'][number], w),
  allocation: (c, row, w) => seesAllocation(c, row as World['allocations'][number], w),
  sale: (c, row, w) => seesWorkshopAffairs(c, row as World['sales'][number], w),
  visit: (c, row, w) => seesWorkshopAffairs(c, row as World['tourism'][number], w),
  income: (c, row) => seesBooks(c, row as World['incomes'][number]),
  member: (c, row) => seesBooks(c, row as World['members'][number]),
  run: (c, row) => seesBooks(c, row as World['runs'][number]),
  opportunity: (c, row, w) => seesOpportunity(c, row as World['opportunities'][number], w),
  application: (c, row) => seesApplication(c, row as World['applications'][number]),
  target: (c, row) => seesPolicy(c, row as World['targets'][number]),
  'approval-rule': (c, row) => seesPolicy(c, row as World['approvalRules'][number]),
  proposal: (c, row, w) => seesProposal(c, row as World['proposals'][number], w),
  // What an order owes a workshop: both sides of the deal, as its allocation.
  arrear: (c, row, w) => seesAllocation(c, row as World['arrears'][number], w),
}

const LIST_PATH: Record<'workshop' | 'worker' | 'enterprise' | 'collective', string> = {
  workshop: '/workshops',
  worker: '/workers',
  enterprise: '/enterprises',
  collective: '/collectives',
}

/** Data rows of a CSV export (after its header). */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '').length - 1

const sorted = (xs: readonly (string | number)[]) => JSON.stringify([...xs].map(String).sort())

async function check(op: string, spec: Check, c: Caller, w: World) {
  if ('list' in spec) {
    const res = await get(c, spec.url)
    const want =
      spec.list === 'record'
        ? w.records.filter((r) => seesRecord(c, r, w)).map((r) => r.id)
        : rowsOf(w, spec.list)
            .filter((row) => (spec.oracle ?? SEES[spec.list as Resource])(c, row, w))
            .map((r) => r.id)
    const status = allow(spec.roles ?? ANY)(c)
    if (res.status !== status) return say(c, op, `status ${res.status}, oracle ${status} ${res.text.slice(0, 120)}`)
    if (status !== 200) return
    const got = spec.ids ? spec.ids(res.body) : (res.body.items as { id: string | number }[]).map((x) => x.id)
    if (sorted(got) !== sorted(want)) say(c, op, `ids ${sorted(got)}, oracle ${sorted(want)}`)
    if (!spec.ids && res.body.total !== want.length) say(c, op, `total ${res.body.total}, oracle ${want.length}`)
    return
  }
  if ('read' in spec) {
    const gate = allow(spec.roles ?? ANY)(c)
    // A caller the role gate stops gets the same answer for every row: one row shows it.
    const all = rowsOf(w, spec.read)
    const sees = (row: { id: string }) => (spec.oracle ?? SEES[spec.read])(c, row, w)
    const rows =
      gate !== 200
        ? all.slice(0, 1)
        : spec.few
          ? [all.find(sees), all.find((r) => !sees(r))].filter((r) => r !== undefined)
          : all
    for (const row of rows) {
      const res = await get(c, spec.at(row.id))
      const want =
        gate !== 200
          ? gate
          : !(spec.oracle ?? SEES[spec.read])(c, row, w)
            ? 404
            : spec.may && !spec.may(c, row, w)
              ? 403
              : (spec.ok?.(row, w) ?? 200)
      if (res.status !== want)
        say(
          c,
          op,
          `${spec.read} ${row.id}: status ${res.status}, oracle ${want} ${res.status >= 400 ? res.text.slice(0, 120) : ''}`,
        )
      else if (want === 200 && spec.self && res.body.id !== row.id) say(c, op, `asked ${row.id}, got ${res.body.id}`)
    }
    return
  }
  if ('export' in spec) {
    const res = await get(c, `${LIST_PATH[spec.export]}/export?format=csv`)
    const status = allow(ANY)(c)
    if (res.status !== status) return say(c, op, `status ${res.status}, oracle ${status}`)
    if (status !== 200) return
    const want = rowsOf(w, spec.export).filter((row) => SEES[spec.export](c, row, w)).length
    if (csvRows(res.text) !== want) say(c, op, `${csvRows(res.text)} rows, oracle ${want}`)
    return
  }
  const url = typeof spec.url === 'function' ? spec.url(w) : (spec.url ?? autoUrl(op))
  const want = spec.gate(c)
  if (spec.book) {
    const r = await t.app.request(`/api${url}`, { headers: c.token ? { authorization: `Bearer ${c.token}` } : {} })
    if (r.status !== want) return say(c, op, `status ${r.status}, oracle ${want}`)
    if (want !== 200) return
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await r.arrayBuffer())
    for (const p of spec.figures?.(c, wb, w) ?? []) say(c, op, p)
    return
  }
  const res = await get(c, url)
  if (res.status !== want) return say(c, op, `status ${res.status}, oracle ${want} ${res.text.slice(0, 120)}`)
  if (want !== 200) return
  const body: unknown = res.body ?? res.text
  for (const p of spec.figures?.(c, body, w) ?? []) say(c, op, p)
  if (spec.same) {
    const first = sameBodies.get(op)
    if (first === undefined) sameBodies.set(op, { who: c.label, text: res.text })
    else if (first.text !== res.text) say(c, op, `answers differently from ${first.who}: nothing in it is scoped`)
  }
}

/** The first 200 answer of each `same` operation in the current world, and who got it. */
const sameBodies = new Map<string, { who: string; text: string }>()

test('every GET operation, as callers of every kind over generated worlds, answers exactly what the oracle allows', async () => {
  doc = (await t.api('GET', '/api/openapi.json')).body as OpenApiDoc
  const gets = Object.entries(doc.paths).flatMap(([path, methods]) => ('get' in methods ? [path] : []))
  expect(
    gets.filter((p) => !(p in OPS)),
    'GET operations the scope test does not classify',
  ).toEqual([])
  const rowOps = Object.entries(OPS).filter(([, c]) => !('gate' in c) || c.figures)
  const sameOps = Object.entries(OPS).filter(([, c]) => 'gate' in c && c.same)
  const gateOps = Object.entries(OPS).filter(([, c]) => 'gate' in c && !c.figures && !c.same)
  console.log(
    `scope over HTTP: ${gets.length} GET operations, ${rowOps.length} checked row by row or by figures against ` +
      `the oracle, ${sameOps.length} the same for every caller, ${gateOps.length} by role only: ` +
      gateOps.map(([op]) => op).join(' '),
  )

  const db = t.database.db
  villageCodes = (await queryRows<{ code: string }>(db, sql`select code from regions where level = 5`)).map((r) => r.code)
  const pool = await villagePool(db)
  expect(pool.length).toBe(24)
  let runs = 0
  await fc.assert(
    fc.asyncProperty(worldArb(pool.length), async (spec) => {
      problems.length = 0
      sameBodies.clear()
      await clearWorld(db)
      const { world, callers } = await buildWorld(db, spec, pool)
      // Bare role gates do not depend on the rows: checked in the first world only (they are slow: exports).
      const ops = runs++ === 0 ? Object.entries(OPS) : rowOps
      // Callers ask side by side, as a server's users do (and so that PostgreSQL's pool is used).
      await Promise.all(
        callers.map(async (c) => {
          for (const [op, check_] of ops) await check(op, check_, c, world)
        }),
      )
      expect(problems).toEqual([])
    }),
    {
      numRuns: Number(process.env.GF_SCOPE_RUNS ?? 4),
      seed: Number(process.env.GF_SEED ?? Date.now() % 2 ** 31),
      endOnFailure: true,
    },
  )
  expect(runs).toBeGreaterThanOrEqual(1)
}, 300_000)
