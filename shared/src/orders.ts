import { z } from 'zod'
import { DateSchema, FenSchema, QueryBoolSchema, searchText, changedByFields, enterpriseRefFields, workshopNameFields, workshopRefFields, requiredText, component, optionalText, LngSchema, LatSchema } from './common.ts'

/** Order life cycle: draft → open → allocated → in_production → delivered → settled, or cancelled. */
export const ORDER_STATUSES = ['draft', 'open', 'allocated', 'in_production', 'delivered', 'settled', 'cancelled'] as const
export const OrderStatusSchema = z.enum(ORDER_STATUSES)
export type OrderStatus = z.infer<typeof OrderStatusSchema>

/** How materials and finished goods travel between the pick-up point and the workshop. */
export const LOGISTICS = ['enterprise_delivers', 'workshop_collects', 'courier'] as const
export const LogisticsSchema = z.enum(LOGISTICS)

/** Piece rates in integer centifen: 1 centifen = 1/100 fen = 1/10,000 yuan. */
export const CentifenSchema = z
  .number()
  .int()
  .min(0)
  .max(100_000_000)
  .describe('Rate per piece in integer centifen (1/100 fen; 10,000 centifen = 1 yuan)')

const SkillSchema = requiredText(40)

export const OrderCreateSchema = z
  .object({
    /** Staff posting on an enterprise's behalf name it; an enterprise user posts for itself. */
    enterpriseId: z.uuid().optional(),
    product: requiredText(100).meta({ example: '香菇分拣包装' }),
    description: optionalText(2000),
    photos: z.array(z.url().max(500)).max(10).optional(),
    quantity: z.number().int().min(1).max(100_000_000).meta({ example: 20000 }),
    unit: requiredText(10).default('件').meta({ example: '袋' }),
    workshopRateCentifen: CentifenSchema.describe(
      'Rate the enterprise pays the workshop per accepted piece, integer centifen (1/100 fen; 10,000 = 1 yuan)',
    ).meta({ example: 1500 }),
    workerRateCentifen: CentifenSchema.describe(
      'Suggested piece rate for the workers, integer centifen (1/100 fen; 10,000 = 1 yuan)',
    ).meta({ example: 1200 }),
    startOn: DateSchema,
    dueOn: DateSchema,
    skills: z.array(SkillSchema).max(10).default([]).meta({ example: ['sorting', 'packing'] }),
    pickupAddress: optionalText(200),
    pickupLng: LngSchema.meta({ example: 119.06 }),
    pickupLat: LatSchema.meta({ example: 27.62 }),
    logistics: LogisticsSchema.default('enterprise_delivers'),
    minBatch: z.number().int().min(1).default(1).describe('Smallest quantity a workshop may take if it takes any'),
    maxBatch: z.number().int().min(1).optional().describe('Largest quantity one workshop may take (default: the whole order)'),
    qualityStandard: optionalText(2000),
    paymentTermDays: z.number().int().min(0).max(365).default(30).describe('Days after acceptance within which the workshop must be paid'),
    /** Region the order belongs to (staff scope); default the enterprise's region. */
    regionCode: z.string().regex(/^33\d{0,10}$/).optional(),
    /** true → posted straight to open; otherwise a draft. */
    publish: z.boolean().default(false),
  })
  .refine((o) => o.dueOn >= o.startOn, { path: ['dueOn'], message: 'dueOn must not be before startOn' })
  .refine((o) => o.maxBatch === undefined || o.maxBatch >= o.minBatch, { path: ['maxBatch'], message: 'maxBatch must be ≥ minBatch' })
export type OrderCreate = z.infer<typeof OrderCreateSchema>

/** Pieces delivered to the enterprise and accepted by it (an order's, an allocation's). */
const deliveryProgressFields = { deliveredQty: z.number().int(), acceptedQty: z.number().int() }
/** What the enterprise owes for accepted pieces and what it has paid, integer fen. */
const owedPaidFields = { owedFen: FenSchema, paidFen: FenSchema }

export const OrderSchema = component('Order', {
  id: z.string(),
  ...enterpriseRefFields,
  regionCode: z.string(),
  product: z.string(),
  description: z.string().nullable(),
  photos: z.array(z.string()),
  quantity: z.number().int(),
  unit: z.string(),
  workshopRateCentifen: CentifenSchema.describe('Rate paid to the workshop per accepted piece, integer centifen (1/100 fen)'),
  workerRateCentifen: CentifenSchema.describe('Suggested worker piece rate, integer centifen (1/100 fen)'),
  startOn: z.string(),
  dueOn: z.string(),
  skills: z.array(z.string()),
  pickupAddress: z.string().nullable(),
  pickupLng: z.number(),
  pickupLat: z.number(),
  logistics: z.string(),
  minBatch: z.number().int(),
  maxBatch: z.number().int(),
  qualityStandard: z.string().nullable(),
  paymentTermDays: z.number().int(),
  status: OrderStatusSchema,
  /** Pieces offered or accepted by workshops (never more than quantity). */
  allocatedQty: z.number().int(),
  acceptedAllocQty: z.number().int(),
  ...deliveryProgressFields,
  ...owedPaidFields,
  overdueFen: FenSchema.describe('Owed past the payment term and not yet paid (arrears), integer fen'),
  /** Operators: distance from their nearest workshop to the pick-up point. */
  distanceKm: z.number().nullable(),
  createdAt: z.string(),
})
export type Order = z.infer<typeof OrderSchema>

export const OrderListQuerySchema = z.object({
  status: OrderStatusSchema.optional(),
  q: searchText().optional(),
  /** Operators: only the open orders they could still claim. */
  claimable: QueryBoolSchema.optional(),
  /** Only orders with arrears (unpaid past the term). */
  arrears: QueryBoolSchema.optional(),
})

export const OrderTransitionSchema = z.object({
  status: z.enum(['open', 'in_production', 'delivered', 'cancelled']),
  note: optionalText(500),
})

export const ALLOCATION_STATUSES = ['offered', 'accepted', 'declined', 'cancelled'] as const
/** Live allocations: offered or accepted pieces count against the order's quantity (declined/cancelled return). */
export const LIVE_ALLOCATION_STATUSES = ['offered', 'accepted'] as const satisfies readonly (typeof ALLOCATION_STATUSES)[number][]
export const AllocationSchema = component('Allocation', {
  id: z.string(),
  orderId: z.string(),
  product: z.string(),
  ...workshopRefFields,
  quantity: z.number().int(),
  source: z.enum(['plan', 'claim']),
  planId: z.string().nullable(),
  status: z.enum(ALLOCATION_STATUSES),
  distanceKm: z.number().nullable(),
  ...deliveryProgressFields,
  offeredAt: z.string(),
  respondedAt: z.string().nullable(),
  note: z.string().nullable(),
})
export type Allocation = z.infer<typeof AllocationSchema>

export const ClaimCreateSchema = z.object({
  quantity: z.number().int().min(1),
  /** Operators with several workshops say which; default their only one. */
  workshopId: z.uuid().optional(),
})

export const AllocationDecisionSchema = z.object({ note: optionalText(500) })

export const DeliveryCreateSchema = z.object({
  workshopId: z.uuid().optional(),
  quantity: z.number().int().min(1).max(100_000_000),
  deliveredOn: DateSchema,
  note: optionalText(500),
})

export const DeliveryAcceptanceSchema = z
  .object({
    acceptedQty: z.number().int().min(0),
    rejectedQty: z.number().int().min(0),
    rejectReasons: optionalText(1000),
    acceptedOn: DateSchema,
  })
  .refine((a) => a.rejectedQty === 0 || !!a.rejectReasons, { path: ['rejectReasons'], message: 'give the reasons for rejected pieces' })

export const DeliverySchema = component('Delivery', {
  id: z.string(),
  orderId: z.string().nullable(),
  allocationId: z.string().nullable(),
  ...workshopNameFields,
  deliveredOn: z.string(),
  quantity: z.number().int(),
  acceptedQty: z.number().int().nullable(),
  rejectedQty: z.number().int().nullable(),
  rejectReasons: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  amountFen: FenSchema.nullable().describe('accepted pieces × workshop rate, rounded half-up to the fen once on this delivery'),
  dueOn: z.string().nullable(),
  note: z.string().nullable(),
})
export type Delivery = z.infer<typeof DeliverySchema>

export const PaymentCreateSchema = z.object({
  workshopId: z.uuid(),
  amountFen: FenSchema.min(1),
  paidOn: DateSchema,
  reference: optionalText(100),
  note: optionalText(500),
})

export const PaymentSchema = component('Payment', {
  id: z.string(),
  orderId: z.string(),
  ...workshopNameFields,
  amountFen: FenSchema,
  paidOn: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
})

export const SettlementLineSchema = component('SettlementLine', {
  orderId: z.string(),
  product: z.string(),
  ...enterpriseRefFields,
  ...workshopRefFields,
  acceptedQty: z.number().int(),
  ...owedPaidFields,
  /** Owed on deliveries accepted more than the payment term ago, less everything paid. */
  overdueFen: FenSchema,
  oldestDueOn: z.string().nullable(),
  inArrears: z.boolean(),
})
export type SettlementLine = z.infer<typeof SettlementLineSchema>

export const OrderHistorySchema = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  byUsername: z.string().nullable(),
  ...changedByFields,
})

export const OrderDetailSchema = OrderSchema.extend({
  allocations: z.array(AllocationSchema),
  deliveries: z.array(DeliverySchema),
  payments: z.array(PaymentSchema),
  settlement: z.array(SettlementLineSchema),
  history: z.array(OrderHistorySchema),
}).meta({ id: 'OrderDetail' })
export type OrderDetail = z.infer<typeof OrderDetailSchema>

// ---- Matching ----

export const PlanWeightsSchema = z.object({
  transportFenPerPieceKm: z.number().min(0).max(1000).default(0.05).describe('Transport cost per piece and km, fen'),
  tripFixedFen: z.number().min(0).max(10_000_000).default(3000).describe('Fixed cost per truck trip, fen'),
  truckloadPieces: z.number().int().min(1).max(10_000_000).default(5000).describe('Pieces per trip'),
  handlingFenPerWorkshop: z.number().min(0).max(10_000_000).default(5000).describe('Fixed handling cost per workshop used, fen'),
  priorityFenPerPiece: z.number().min(0).max(1000).default(0.5).describe(
    'Bonus per piece (fen) for work reaching a workshop, times its share of low-income or disabled workers',
  ),
})
export type PlanWeights = z.infer<typeof PlanWeightsSchema>

export const PlanOptionsSchema = z.object({
  maxDistanceKm: z.number().min(1).max(1000).default(80),
  maxWorkshops: z.number().int().min(1).max(1000).optional(),
  timeLimitMs: z.number().int().min(100).max(60_000).default(5000),
  /** Relative MIP gap at which the solver may stop. */
  mipGap: z.number().min(0).max(0.2).default(0.005),
  weights: PlanWeightsSchema.partial().optional(),
})
export type PlanOptions = z.infer<typeof PlanOptionsSchema>

export const PlanLineSchema = z.object({
  ...workshopRefFields,
  lng: z.number(),
  lat: z.number(),
  quantity: z.number().int(),
  distanceKm: z.number(),
  expectedDays: z.number().int(),
  freeCapacity: z.number().int(),
  priorityShare: z.number().describe('Share of the workshop’s members from low-income households or with a disability, 0–1'),
  why: z.object({ zh: z.string(), en: z.string() }),
})

export const ObjectivePartsSchema = z.object({
  transportFen: z.number(),
  tripsFen: z.number(),
  handlingFen: z.number(),
  priorityBonusFen: z.number(),
  totalFen: z.number(),
  workshopsUsed: z.number().int(),
})

export const OrderPlanSchema = z.object({
  orderId: z.string(),
  product: z.string(),
  quantity: z.number().int(),
  covered: z.number().int(),
  shortfall: z.number().int(),
  shortfallReason: z.object({ zh: z.string(), en: z.string() }).nullable(),
  candidates: z.number().int().describe('Workshops that passed skills, distance and free-capacity pruning'),
  lines: z.array(PlanLineSchema),
  objective: ObjectivePartsSchema,
  greedy: z.object({ lines: z.array(PlanLineSchema.pick({ workshopId: true, workshopName: true, lng: true, lat: true, quantity: true, distanceKm: true })), covered: z.number().int(), objective: ObjectivePartsSchema }),
})

export const PlanSchema = component('Plan', {
  id: z.string(),
  status: z.enum(['proposed', 'accepted', 'superseded']),
  orderIds: z.array(z.string()),
  solver: z.object({
    status: z.string(),
    mipGap: z.number().nullable().describe('Relative gap between the plan and the best bound HiGHS proved; 0 = proven optimal'),
    solveMs: z.number(),
    objectiveFen: z.number(),
    greedyObjectiveFen: z.number(),
    ratio: z.number().nullable().describe('optimal objective / greedy objective (lower is better)'),
    variables: z.number().int(),
    constraints: z.number().int(),
  }),
  orders: z.array(OrderPlanSchema),
  options: PlanOptionsSchema,
  createdAt: z.string(),
})
export type Plan = z.infer<typeof PlanSchema>
export type OrderPlan = z.infer<typeof OrderPlanSchema>
export type PlanLine = z.infer<typeof PlanLineSchema>

export const MultiPlanRequestSchema = PlanOptionsSchema.extend({ orderIds: z.array(z.uuid()).min(1).max(200) })

// ---- Disputes ----

export const DISPUTE_SUBJECTS = ['order', 'delivery', 'payment', 'wage'] as const
export const DISPUTE_STATUSES = ['open', 'mediating', 'resolved', 'withdrawn'] as const

/** What a dispute is about beyond its subject: the order, delivery and payment concerned (as entered, as stored). */
const disputeTargetFields = <T extends z.ZodTypeAny>(id: T) => ({ orderId: id, deliveryId: id, paymentId: id })

export const DisputeCreateSchema = z.object({
  subject: z.enum(DISPUTE_SUBJECTS),
  ...disputeTargetFields(z.uuid().optional()),
  /** For a wage dispute: the workshop and worker concerned. */
  workshopId: z.uuid().optional(),
  workerId: z.uuid().optional(),
  title: requiredText(200),
  description: requiredText(4000),
})

export const DisputeNoteSchema = z.object({
  id: z.number().int(),
  body: z.string(),
  authorName: z.string().nullable(),
  authorRole: z.string().nullable(),
  at: z.string(),
})

export const DisputeSchema = component('Dispute', {
  id: z.string(),
  subject: z.enum(DISPUTE_SUBJECTS),
  ...disputeTargetFields(z.string().nullable()),
  workshopId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  workerId: z.string().nullable(),
  regionCode: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  openedByName: z.string().nullable(),
  mediatorUserId: z.string().nullable(),
  mediatorName: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  notes: z.array(DisputeNoteSchema),
})
export type Dispute = z.infer<typeof DisputeSchema>

export const DisputeNoteCreateSchema = z.object({ body: requiredText(4000) })
export const DisputeMediatorSchema = z.object({ mediatorUserId: z.uuid().optional() })
export const DisputeStatusSchema = z.object({
  status: z.enum(['mediating', 'resolved', 'withdrawn']),
  outcome: optionalText(4000),
})
