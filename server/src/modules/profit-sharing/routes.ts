import { createRoute, z } from '@hono/zod-openapi'
import {
  CollectiveMemberCreateSchema,
  CollectiveMemberListQuerySchema,
  CollectiveMemberSchema,
  CollectiveMemberUpdateSchema,
  ProfitSharingRunCreateSchema,
  ProfitSharingRunDetailSchema,
  ProfitSharingRunListQuerySchema,
  ProfitSharingRunSchema,
} from '@gongfang/shared/collective'
import { audit } from '../../audit/audit.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { confirmRun, createMember, createRun, deleteRun, getRun, listMembers, listRuns, runWorkbook, updateMember } from './service.ts'

const tags = ['profit-sharing']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role may not do this', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Conflicts with the current state', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

const listMembersRoute = createRoute({
  method: 'get',
  path: '/collective-members',
  tags,
  security,
  summary: 'Member households of village collectives in scope, with their shares',
  request: { query: CollectiveMemberListQuerySchema },
  responses: {
    200: {
      description: 'A page of member households',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(CollectiveMemberSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            activeShares: z.number().int(),
          }),
        },
      },
    },
    401: errs[401],
    422: errs[422],
  },
})
const createMemberRoute = createRoute({
  method: 'post',
  path: '/collective-members',
  tags,
  security,
  summary: 'Add a member household (collective account for itself, or staff in scope)',
  request: { body: { content: { 'application/json': { schema: CollectiveMemberCreateSchema } }, required: true } },
  responses: { 201: { description: 'Added', content: { 'application/json': { schema: CollectiveMemberSchema } } }, ...errs },
})
const updateMemberRoute = createRoute({
  method: 'patch',
  path: '/collective-members/{id}',
  tags,
  security,
  summary: "Change a household's head, shares or active flag (confirmed runs keep their snapshot)",
  request: { params: idParam, body: { content: { 'application/json': { schema: CollectiveMemberUpdateSchema } }, required: true } },
  responses: { 200: { description: 'Changed', content: { 'application/json': { schema: CollectiveMemberSchema } } }, ...errs },
})
const listRunsRoute = createRoute({
  method: 'get',
  path: '/profit-sharing-runs',
  tags,
  security,
  summary: 'Profit-sharing runs in scope',
  request: { query: ProfitSharingRunListQuerySchema },
  responses: {
    200: {
      description: 'A page of runs',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ProfitSharingRunSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
        },
      },
    },
    401: errs[401],
    422: errs[422],
  },
})
const createRunRoute = createRoute({
  method: 'post',
  path: '/profit-sharing-runs',
  tags,
  security,
  summary:
    'Draft a run: split totalFen over the active member households by shares (largest remainder, whole fen; the lines always sum to the total)',
  request: { body: { content: { 'application/json': { schema: ProfitSharingRunCreateSchema } }, required: true } },
  responses: { 201: { description: 'Draft run with its lines', content: { 'application/json': { schema: ProfitSharingRunDetailSchema } } }, ...errs },
})
const getRunRoute = createRoute({
  method: 'get',
  path: '/profit-sharing-runs/{id}',
  tags,
  security,
  summary: 'One run with its household lines (the printable list)',
  request: { params: idParam },
  responses: { 200: { description: 'The run', content: { 'application/json': { schema: ProfitSharingRunDetailSchema } } }, 401: errs[401], 404: errs[404], 422: errs[422] },
})
const confirmRunRoute = createRoute({
  method: 'post',
  path: '/profit-sharing-runs/{id}/confirm',
  tags,
  security,
  summary: 'Confirm a draft run; from then on it and its lines never change',
  request: { params: idParam },
  responses: { 200: { description: 'Confirmed', content: { 'application/json': { schema: ProfitSharingRunDetailSchema } } }, ...errs },
})
const deleteRunRoute = createRoute({
  method: 'delete',
  path: '/profit-sharing-runs/{id}',
  tags,
  security,
  summary: 'Discard a draft run (a confirmed run cannot be deleted: 409)',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errs },
})
const exportRunRoute = createRoute({
  method: 'get',
  path: '/profit-sharing-runs/{id}/export.xlsx',
  tags,
  security,
  summary: 'The run as an xlsx list (Chinese headers, yuan with two decimals and exact fen)',
  request: { params: idParam },
  responses: {
    200: { description: 'The workbook', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    401: errs[401],
    404: errs[404],
    422: errs[422],
  },
})

const WRITERS = ['admin', 'staff', 'collective'] as const

export const profitSharingRoutes = createRouter()
  .openapi(listMembersRoute, async (c) => {
    requireUser(c)
    return c.json(await listMembers(c.var.db, c.var.scope, c.req.valid('query')) as never, 200)
  })
  .openapi(createMemberRoute, async (c) => {
    requireRole(c, ...WRITERS)
    const input = c.req.valid('json')
    const member = await c.var.db.transaction(async (tx) => {
      const { member, regionCode } = await createMember(tx, c.var.scope, input)
      await audit(tx, c.var.caller, { action: 'collective-member.create', targetType: 'collective_member', targetId: member.id, regionCode, detail: { ...input } })
      return member
    })
    return c.json(member as never, 201)
  })
  .openapi(updateMemberRoute, async (c) => {
    requireRole(c, ...WRITERS)
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const member = await c.var.db.transaction(async (tx) => {
      const { member, old, regionCode } = await updateMember(tx, c.var.scope, id, patch)
      await audit(tx, c.var.caller, {
        action: 'collective-member.update',
        targetType: 'collective_member',
        targetId: id,
        regionCode,
        detail: { before: { headName: old.headName, shares: old.shares, active: old.active }, after: patch },
      })
      return member
    })
    return c.json(member as never, 200)
  })
  .openapi(listRunsRoute, async (c) => {
    requireUser(c)
    return c.json(await listRuns(c.var.db, c.var.scope, c.req.valid('query')) as never, 200)
  })
  .openapi(createRunRoute, async (c) => {
    const user = requireRole(c, ...WRITERS)
    const input = c.req.valid('json')
    const run = await c.var.db.transaction(async (tx) => {
      const run = await createRun(tx, c.var.scope, user.id, input)
      await audit(tx, c.var.caller, {
        action: 'profit-sharing.create',
        targetType: 'profit_sharing_run',
        targetId: run.id,
        regionCode: run.regionCode,
        detail: { totalFen: input.totalFen, period: input.period, households: run.households },
      })
      return run
    })
    return c.json(run as never, 201)
  })
  .openapi(getRunRoute, async (c) => {
    requireUser(c)
    return c.json((await getRun(c.var.db, c.var.scope, c.req.valid('param').id)) as never, 200)
  })
  .openapi(confirmRunRoute, async (c) => {
    const user = requireRole(c, ...WRITERS)
    const { id } = c.req.valid('param')
    const run = await c.var.db.transaction(async (tx) => {
      const run = await confirmRun(tx, c.var.scope, user.id, id)
      await audit(tx, c.var.caller, { action: 'profit-sharing.confirm', targetType: 'profit_sharing_run', targetId: id, regionCode: run.regionCode, detail: { totalFen: run.totalFen } })
      return run
    })
    return c.json(run as never, 200)
  })
  .openapi(deleteRunRoute, async (c) => {
    requireRole(c, ...WRITERS)
    const { id } = c.req.valid('param')
    await c.var.db.transaction(async (tx) => {
      const run = await deleteRun(tx, c.var.scope, id)
      await audit(tx, c.var.caller, { action: 'profit-sharing.delete', targetType: 'profit_sharing_run', targetId: id, regionCode: run.regionCode, detail: { totalFen: run.totalFen } })
    })
    return c.body(null, 204)
  })
  .openapi(exportRunRoute, async (c) => {
    requireUser(c)
    const run = await getRun(c.var.db, c.var.scope, c.req.valid('param').id)
    const body = await runWorkbook(run)
    const file = `${run.collectiveName}-${run.title}-分红清单.xlsx`
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="profit-sharing.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`,
    })
  })
