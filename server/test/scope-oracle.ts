/**
 * The oracle of the HTTP scope property (auth/access/scope-http.int.test.ts): who may see what in a generated
 * world (scope-world.ts), the product's rules stated over the raw rows (region-code prefixes, memberships,
 * partners, parties), never by calling the access module.
 */
import type { Allocation, Application, Batch, Caller, CollectiveRow, Dispute, Line, Opportunity, Order, Person, Proposal, Row, Session, Sheet, Shop, ShopRow, World } from './scope-world.ts'

const inRegion = (c: Caller, regionCode: string) =>
  c.role === 'admin' || (c.role === 'staff' && regionCode.startsWith(c.regionCode!))

/** Workshops: staff of their region; the operator those they run; partner enterprises; the hosting collective; members. */
export function seesWorkshop(c: Caller, w: Shop, world: World): boolean {
  if (inRegion(c, w.regionCode)) return true
  switch (c.role) {
    case 'operator':
      return w.operated
    case 'enterprise':
      return w.partners.has(c.enterpriseId!)
    case 'collective':
      return w.collectiveId === c.collectiveId
    case 'worker':
      return world.workers.some((p) => p.id === c.workerId && p.shops.includes(w.id))
    default:
      return false
  }
}

/** Workers: staff of their village's region; the operator the people on their rosters (past members too); the person. */
export function seesWorker(c: Caller, p: Person, world: World): boolean {
  if (inRegion(c, p.regionCode)) return true
  if (c.role === 'operator') return p.shops.some((id) => world.workshops.find((w) => w.id === id)!.operated)
  return c.role === 'worker' && c.workerId === p.id
}

/** Enterprises: staff of their region, and the enterprise itself. */
export const seesEnterprise = (c: Caller, e: Row) =>
  inRegion(c, e.regionCode) || (c.role === 'enterprise' && c.enterpriseId === e.id)

/** Collectives: staff of their region, and the collective itself. */
export const seesCollective = (c: Caller, x: Row) =>
  inRegion(c, x.regionCode) || (c.role === 'collective' && c.collectiveId === x.id)

/** Piece work: staff of the workshop's region, the operator of the workshop, the worker who did it. */
export function seesRecord(c: Caller, r: Line, world: World): boolean {
  if (inRegion(c, r.regionCode)) return true
  if (c.role === 'operator') return world.workshops.find((w) => w.id === r.workshopId)!.operated
  return c.role === 'worker' && c.workerId === r.workerId
}

const shopById = (world: World, id: string) => world.workshops.find((w) => w.id === id)!
const isMember = (c: Caller, workshopId: string, world: World) =>
  c.role === 'worker' && world.workers.some((p) => p.id === c.workerId && p.shops.includes(workshopId))

/**
 * A workshop's own business (technical problems, improvement plans): staff of its region, its operator, its
 * hosting collective, its members (past ones too). Never a partner enterprise: partners see the workshop, not
 * its affairs.
 */
export function seesWorkshopAffairs(c: Caller, r: ShopRow, world: World): boolean {
  if (inRegion(c, r.regionCode)) return true
  const shop = shopById(world, r.workshopId)
  if (c.role === 'operator') return shop.operated
  if (c.role === 'collective') return shop.collectiveId === c.collectiveId
  return isMember(c, r.workshopId, world)
}

/**
 * Pay sheets show every worker's pay of a workshop's month: staff of its region, its operator, its hosting
 * collective. Never a worker (not even of that workshop: they read their own pay slip) nor an enterprise.
 */
export const seesSheet = (c: Caller, s: Sheet, world: World): boolean =>
  c.role !== 'worker' && seesWorkshopAffairs(c, s, world)

const sameTownship = (a: string, b: string) => a.length >= 9 && b.length >= 9 && a.slice(0, 9) === b.slice(0, 9)

/**
 * Training sessions: staff of the place's region; the host workshop's operator, collective and members; and,
 * so that they can enrol, operators and workers living in the township where it is held.
 */
export function seesSession(c: Caller, s: Session, world: World): boolean {
  if (inRegion(c, s.regionCode)) return true
  if ((c.role === 'operator' || c.role === 'worker') && sameTownship(c.regionCode!, s.regionCode)) return true
  if (s.workshopId === null) return false
  const host = shopById(world, s.workshopId)
  if (c.role === 'operator') return host.operated
  if (c.role === 'collective') return host.collectiveId === c.collectiveId
  return isMember(c, s.workshopId, world)
}

/** Who manages a session (its enrolment list): staff of its place, or the operator of its host workshop. */
export const managesSession = (c: Caller, s: Session, world: World): boolean =>
  inRegion(c, s.regionCode) ||
  (c.role === 'operator' && s.workshopId !== null && shopById(world, s.workshopId).operated)

/**
 * The expert pool serves downwards: everyone logged in sees the experts based in their own region or above it;
 * staff also those based below (inside their region).
 */
export function seesExpert(c: Caller, e: Row): boolean {
  if (c.role === 'public') return false
  if (inRegion(c, e.regionCode)) return true
  const home = c.role === 'admin' ? '33' : c.regionCode
  return !!home && home.startsWith(e.regionCode)
}

/**
 * Payment batches: staff of the batch's region; the operator of the workshop when the batch is one workshop's
 * (a batch spanning several workshops is for staff only).
 */
export const seesBatch = (c: Caller, b: Batch, world: World): boolean =>
  inRegion(c, b.regionCode) ||
  (c.role === 'operator' && b.workshopId !== null && shopById(world, b.workshopId).operated)

/**
 * Disputes: the area's staff; the parties (the workshop's operator, the enterprise, the worker); whoever opened
 * it. A collective is no party: it sees the disputes it opened, not those of the workshops it hosts.
 */
export function seesDispute(c: Caller, d: Dispute, world: World): boolean {
  if (inRegion(c, d.regionCode)) return true
  if (c.role === 'collective' && d.byCollective) return true
  if (c.role === 'operator') return shopById(world, d.workshopId).operated
  if (c.role === 'enterprise') return d.enterpriseId === c.enterpriseId
  return c.role === 'worker' && d.workerId === c.workerId
}

/** The order's own side: the enterprise that posted it, staff of the order's region. */
const ownsOrder = (c: Caller, o: Order) =>
  inRegion(c, o.regionCode) || (c.role === 'enterprise' && c.enterpriseId === o.enterpriseId)

/** An allocation seen from the workshop's side: staff of the workshop's region, its operator, collective, members. */
const workshopSideOf = (c: Caller, a: Allocation, world: World) => seesWorkshopAffairs(c, a, world)

/** Orders: their own side, and everyone on the side of a workshop the order was allocated to. */
export const seesOrder = (c: Caller, o: Order, world: World): boolean =>
  ownsOrder(c, o) || world.allocations.some((a) => a.orderId === o.id && workshopSideOf(c, a, world))

/** Allocations: the workshop's side, and the order's own side (the enterprise sees where its order went). */
export const seesAllocation = (c: Caller, a: Allocation, world: World): boolean =>
  workshopSideOf(c, a, world) ||
  ownsOrder(
    c,
    world.orders.find((o) => o.id === a.orderId)!,
  )

/** A collective's own books (incomes, member households, profit sharing): staff of its region, and the collective. */
export const seesBooks = (c: Caller, r: CollectiveRow): boolean =>
  inRegion(c, r.regionCode) || (c.role === 'collective' && c.collectiveId === r.collectiveId)

/**
 * Investment opportunities: staff of the village's region and the publishing collective; every enterprise the
 * open ones (the offer is public within the programme) and those it applied to, open or closed.
 */
export function seesOpportunity(c: Caller, o: Opportunity, world: World): boolean {
  if (inRegion(c, o.regionCode)) return true
  if (c.role === 'collective') return o.collectiveId === c.collectiveId
  if (c.role !== 'enterprise') return false
  return o.open || world.applications.some((a) => a.opportunityId === o.id && a.enterpriseId === c.enterpriseId)
}

/** Applications: staff of the village's region, the applying enterprise, the collective that published the offer. */
export const seesApplication = (c: Caller, a: Application): boolean =>
  inRegion(c, a.regionCode) ||
  (c.role === 'enterprise' && a.enterpriseId === c.enterpriseId) ||
  (c.role === 'collective' && a.collectiveId === c.collectiveId)

/** Policy (targets, approval rules) binds a region and everything below it: staff see their region's, below and above. */
export const seesPolicy = (c: Caller, r: Row): boolean =>
  inRegion(c, r.regionCode) || (c.role === 'staff' && c.regionCode!.startsWith(r.regionCode))

/** A matching plan is the order side's working paper: only those who own every order in it see it. */
export const seesProposal = (c: Caller, p: Proposal, world: World): boolean =>
  p.orderIds.every((id) =>
    ownsOrder(
      c,
      world.orders.find((o) => o.id === id)!,
    ),
  )
