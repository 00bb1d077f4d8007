import { z } from '@hono/zod-openapi'
import {
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
import { idParam, json, jsonBody, problems, routesFor } from '../../http/route-helpers.ts'
import { registerProblems, registerRoutes } from '../registry-routes.ts'
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

const register = registerRoutes('workshops', '/workshops', {
  query: WorkshopListQuerySchema, item: WorkshopSchema, page: 'A page of workshops',
  list: 'List workshops in scope with filters, sort and pagination',
})
const workshops = routesFor('workshops', registerProblems)
const forbiddenResp = { ...problems({ 403: 'Role or area not allowed' }) }

const getRoute = workshops.get('/workshops/{id}', 'One workshop', json(WorkshopSchema, 'The workshop'))
const createRoute_ = workshops.route({
  method: 'post', path: '/workshops', summary: 'Register a workshop (staff/admin, village in their area)',
  request: jsonBody(WorkshopCreateSchema),
  responses: { 201: json(WorkshopSchema, 'Created'), ...forbiddenResp },
})
const updateRoute = workshops.route({
  method: 'patch', path: '/workshops/{id}', summary: 'Update a workshop (operators: address, capacity, places, skills, photos only)',
  request: { params: idParam, ...jsonBody(WorkshopUpdateSchema) },
  responses: { 200: json(WorkshopSchema, 'Updated'), ...forbiddenResp },
})
const statusRoute = workshops.route({
  method: 'post', path: '/workshops/{id}/status', summary: 'Dated status change: planned → operating → suspended ⇄ operating → closed',
  request: { params: idParam, ...jsonBody(WorkshopStatusChangeSchema) },
  responses: { 200: json(WorkshopSchema, 'Updated'), ...problems({ 409: 'Transition not allowed' }), ...forbiddenResp },
})
const statusHistoryRoute = workshops.get('/workshops/{id}/status-history', 'Dated status history', json(z.array(WorkshopStatusEntrySchema), 'Oldest first'))
const membersRoute = workshops.route({
  method: 'get', path: '/workshops/{id}/members', summary: 'The roster (current members; `all=true` includes past ones)',
  request: { params: idParam, query: z.object({ all: z.enum(['true', 'false']).optional() }) },
  responses: { 200: json(z.array(MemberSchema), 'Members') },
})
const addMemberRoute = workshops.route({
  method: 'post', path: '/workshops/{id}/members',
  summary: 'Add to the roster: an existing worker, or a person by ID number (linked when registered under the same name, created otherwise)',
  request: { params: idParam, ...jsonBody(MemberAddSchema) },
  responses: { 201: json(MemberSchema, 'Added'), ...problems({ 409: 'Already a member, or ID number registered under another name' }), ...forbiddenResp },
})
const endMemberRoute = workshops.route({
  method: 'post', path: '/workshops/{id}/members/{memberId}/end', summary: 'End a membership on a date',
  request: { params: z.object({ id: z.uuid(), memberId: z.coerce.number().int().positive() }), ...jsonBody(MemberEndSchema) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Ended'), ...forbiddenResp },
})

export const workshopRoutes = createRouter()
  .openapi(register.list, async (c) => c.json(await listWorkshops(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(register.export, async (c) => {
    const f = await exportWorkshops(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getWorkshop(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createWorkshop(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateWorkshop(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(statusRoute, async (c) => c.json(await changeStatus(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(statusHistoryRoute, async (c) => c.json(await statusHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(register.history, async (c) => c.json(await workshopHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(membersRoute, async (c) => c.json(await listMembers(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('query').all === 'true'), 200))
  .openapi(addMemberRoute, async (c) => c.json(await addMember(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(endMemberRoute, async (c) => {
    const { id, memberId } = c.req.valid('param')
    return c.json(await endMember(c.var.db, c.var.caller, id, memberId, c.req.valid('json').endOn), 200)
  })
