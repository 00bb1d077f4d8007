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
import { problemJson } from '../../http/problem.ts'
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
const idParam = z.object({ id: z.uuid() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}
const forbiddenResp = { 403: { description: 'Role or area not allowed', content: problemJson } }

const listRoute = createRoute({
  method: 'get', path: '/workshops', tags, security, summary: 'List workshops in scope with filters, sort and pagination',
  request: { query: WorkshopListQuerySchema },
  responses: { 200: { description: 'A page of workshops', content: json(pageOf(WorkshopSchema)) }, 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/workshops/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: WorkshopListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/workshops/{id}', tags, security, summary: 'One workshop', request: { params: idParam },
  responses: { 200: { description: 'The workshop', content: json(WorkshopSchema) }, ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/workshops', tags, security, summary: 'Register a workshop (staff/admin, village in their area)',
  request: { body: { content: json(WorkshopCreateSchema), required: true } },
  responses: { 201: { description: 'Created', content: json(WorkshopSchema) }, ...forbiddenResp, ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/workshops/{id}', tags, security, summary: 'Update a workshop (operators: address, capacity, places, skills, photos only)',
  request: { params: idParam, body: { content: json(WorkshopUpdateSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(WorkshopSchema) }, ...forbiddenResp, ...errs },
})
const statusRoute = createRoute({
  method: 'post', path: '/workshops/{id}/status', tags, security, summary: 'Dated status change: planned → operating → suspended ⇄ operating → closed',
  request: { params: idParam, body: { content: json(WorkshopStatusChangeSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(WorkshopSchema) }, 409: { description: 'Transition not allowed', content: problemJson }, ...forbiddenResp, ...errs },
})
const statusHistoryRoute = createRoute({
  method: 'get', path: '/workshops/{id}/status-history', tags, security, summary: 'Dated status history', request: { params: idParam },
  responses: { 200: { description: 'Oldest first', content: json(z.array(WorkshopStatusEntrySchema)) }, ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/workshops/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: { description: 'Newest first', content: json(z.array(HistoryEntrySchema)) }, ...errs },
})
const membersRoute = createRoute({
  method: 'get', path: '/workshops/{id}/members', tags, security, summary: 'The roster (current members; `all=true` includes past ones)',
  request: { params: idParam, query: z.object({ all: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'Members', content: json(z.array(MemberSchema)) }, ...errs },
})
const addMemberRoute = createRoute({
  method: 'post', path: '/workshops/{id}/members', tags, security,
  summary: 'Add to the roster: an existing worker, or a person by ID number (linked when registered under the same name, created otherwise)',
  request: { params: idParam, body: { content: json(MemberAddSchema), required: true } },
  responses: { 201: { description: 'Added', content: json(MemberSchema) }, 409: { description: 'Already a member, or ID number registered under another name', content: problemJson }, ...forbiddenResp, ...errs },
})
const endMemberRoute = createRoute({
  method: 'post', path: '/workshops/{id}/members/{memberId}/end', tags, security, summary: 'End a membership on a date',
  request: { params: z.object({ id: z.uuid(), memberId: z.coerce.number().int().positive() }), body: { content: json(MemberEndSchema), required: true } },
  responses: { 200: { description: 'Ended', content: json(z.object({ ok: z.literal(true) })) }, ...forbiddenResp, ...errs },
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
