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
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problemResponses } from '../../http/route-helpers.ts'
import {
  confirmRun,
  createMember,
  createRun,
  deleteRun,
  getRun,
  listMembers,
  listRuns,
  runExport,
  updateMember,
} from './service.ts'

const tags = ['profit-sharing']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const errs = problemResponses

const listMembersRoute = createRoute({
  method: 'get',
  path: '/collective-members',
  tags,
  security: bearer,
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
  security: bearer,
  summary: 'Add a member household (collective account for itself, or staff in scope)',
  request: jsonBody(CollectiveMemberCreateSchema),
  responses: {
    201: json(CollectiveMemberSchema, 'Added'),
    ...errs,
  },
})
const updateMemberRoute = createRoute({
  method: 'patch',
  path: '/collective-members/{id}',
  tags,
  security: bearer,
  summary: "Change a household's head, shares or active flag (confirmed runs keep their snapshot)",
  request: {
    params: idParam,
    ...jsonBody(CollectiveMemberUpdateSchema),
  },
  responses: {
    200: json(CollectiveMemberSchema, 'Changed'),
    ...errs,
  },
})
const listRunsRoute = createRoute({
  method: 'get',
  path: '/profit-sharing-runs',
  tags,
  security: bearer,
  summary: 'Profit-sharing runs in scope',
  request: { query: ProfitSharingRunListQuerySchema },
  responses: {
    200: {
      description: 'A page of runs',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(ProfitSharingRunSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
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
  security: bearer,
  summary:
    'Draft a run: split totalFen over the active member households by shares (largest remainder, whole fen; the lines always sum to the total)',
  request: jsonBody(ProfitSharingRunCreateSchema),
  responses: {
    201: json(ProfitSharingRunDetailSchema, 'Draft run with its lines'),
    ...errs,
  },
})
const getRunRoute = createRoute({
  method: 'get',
  path: '/profit-sharing-runs/{id}',
  tags,
  security: bearer,
  summary: 'One run with its household lines (the printable list)',
  request: { params: idParam },
  responses: {
    200: json(ProfitSharingRunDetailSchema, 'The run'),
    401: errs[401],
    404: errs[404],
    422: errs[422],
  },
})
const confirmRunRoute = createRoute({
  method: 'post',
  path: '/profit-sharing-runs/{id}/confirm',
  tags,
  security: bearer,
  summary: 'Confirm a draft run; from then on it and its lines never change',
  request: { params: idParam },
  responses: {
    200: json(ProfitSharingRunDetailSchema, 'Confirmed'),
    ...errs,
  },
})
const deleteRunRoute = createRoute({
  method: 'delete',
  path: '/profit-sharing-runs/{id}',
  tags,
  security: bearer,
  summary: 'Discard a draft run (a confirmed run cannot be deleted: 409)',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errs },
})
const exportRunRoute = createRoute({
  method: 'get',
  path: '/profit-sharing-runs/{id}/export.xlsx',
  tags,
  security: bearer,
  summary: 'The run as an xlsx list (Chinese headers, yuan with two decimals and exact fen)',
  request: { params: idParam },
  responses: {
    200: { description: 'The workbook', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    401: errs[401],
    404: errs[404],
    422: errs[422],
  },
})

export const profitSharingRoutes = createRouter()
  .openapi(listMembersRoute, async (c) => c.json(await listMembers(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createMemberRoute, async (c) => c.json(await createMember(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateMemberRoute, async (c) =>
    c.json(await updateMember(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(listRunsRoute, async (c) => c.json(await listRuns(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createRunRoute, async (c) => c.json(await createRun(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(getRunRoute, async (c) => c.json(await getRun(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(confirmRunRoute, async (c) => c.json(await confirmRun(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(deleteRunRoute, async (c) => {
    await deleteRun(c.var.db, c.var.caller, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(exportRunRoute, async (c) => {
    const { fileName, body } = await runExport(c.var.db, c.var.caller, c.req.valid('param').id)
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="profit-sharing.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    })
  })
