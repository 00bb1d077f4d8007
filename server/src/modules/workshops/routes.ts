import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  ExportFormatSchema,
  HistoryEntrySchema,
  MemberAddSchema,
  MemberEndSchema,
  MemberSchema,
  WorkshopCreateSchema,
  WorkshopListQuerySchema,
  WorkshopSchema,
  WorkshopStatusChangeSchema,
  WorkshopStatusEntrySchema,
  WorkshopUpdateSchema,
} from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { idParam, json, jsonBody, problems } from '../../http/route-helpers.ts'
import {
  addMember,
  changeStatus,
  createWorkshop,
  endMember,
  exportWorkshops,
  getWorkshop,
  listMembers,
  listWorkshops,
  statusHistory,
  updateWorkshop,
  workshopHistory,
} from './service.ts'

const tags = ['workshops']
const security = [{ bearer: [] }]
const errs = problems({ 401: 'Not logged in', 404: 'Missing or out of scope', 422: 'Invalid input' })
const forbiddenResp = { ...problems({ 403: 'Role or area not allowed' }) }

const listRoute = createRoute({
  method: 'get', path: '/workshops', tags, security, summary: 'List workshops in scope with filters, sort and pagination',
  request: { query: WorkshopListQuerySchema },
  responses: { 200: json(pageOf(WorkshopSchema), 'A page of workshops'), 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/workshops/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: WorkshopListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/workshops/{id}', tags, security, summary: 'One workshop', request: { params: idParam },
  responses: { 200: json(WorkshopSchema, 'The workshop'), ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/workshops', tags, security, summary: 'Register a workshop (staff/admin, village in their area)',
  request: jsonBody(WorkshopCreateSchema),
  responses: { 201: json(WorkshopSchema, 'Created'), ...forbiddenResp, ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/workshops/{id}', tags, security, summary: 'Update a workshop (operators: address, capacity, places, skills, photos only)',
  request: { params: idParam, ...jsonBody(WorkshopUpdateSchema) },
  responses: { 200: json(WorkshopSchema, 'Updated'), ...forbiddenResp, ...errs },
})
const statusRoute = createRoute({
  method: 'post', path: '/workshops/{id}/status', tags, security, summary: 'Dated status change: planned → operating → suspended ⇄ operating → closed',
  request: { params: idParam, ...jsonBody(WorkshopStatusChangeSchema) },
  responses: { 200: json(WorkshopSchema, 'Updated'), ...problems({ 409: 'Transition not allowed' }), ...forbiddenResp, ...errs },
})
const statusHistoryRoute = createRoute({
  method: 'get', path: '/workshops/{id}/status-history', tags, security, summary: 'Dated status history', request: { params: idParam },
  responses: { 200: json(z.array(WorkshopStatusEntrySchema), 'Oldest first'), ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/workshops/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: json(z.array(HistoryEntrySchema), 'Newest first'), ...errs },
})
const membersRoute = createRoute({
  method: 'get', path: '/workshops/{id}/members', tags, security, summary: 'The roster (current members; `all=true` includes past ones)',
  request: { params: idParam, query: z.object({ all: z.enum(['true', 'false']).optional() }) },
  responses: { 200: json(z.array(MemberSchema), 'Members'), ...errs },
})
const addMemberRoute = createRoute({
  method: 'post', path: '/workshops/{id}/members', tags, security,
  summary: 'Add to the roster: an existing worker, or a person by ID number (linked when registered under the same name, created otherwise)',
  request: { params: idParam, ...jsonBody(MemberAddSchema) },
  responses: { 201: json(MemberSchema, 'Added'), ...problems({ 409: 'Already a member, or ID number registered under another name' }), ...forbiddenResp, ...errs },
})
const endMemberRoute = createRoute({
  method: 'post', path: '/workshops/{id}/members/{memberId}/end', tags, security, summary: 'End a membership on a date',
  request: { params: z.object({ id: z.uuid(), memberId: z.coerce.number().int().positive() }), ...jsonBody(MemberEndSchema) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Ended'), ...forbiddenResp, ...errs },
})

export const workshopRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listWorkshops(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const f = await exportWorkshops(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getWorkshop(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createWorkshop(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateWorkshop(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(statusRoute, async (c) => c.json(await changeStatus(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(statusHistoryRoute, async (c) => c.json(await statusHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(historyRoute, async (c) => c.json(await workshopHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(membersRoute, async (c) => c.json(await listMembers(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('query').all === 'true'), 200))
  .openapi(addMemberRoute, async (c) => c.json(await addMember(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(endMemberRoute, async (c) => {
    const { id, memberId } = c.req.valid('param')
    return c.json(await endMember(c.var.db, c.var.caller, id, memberId, c.req.valid('json').endOn), 200)
  })
