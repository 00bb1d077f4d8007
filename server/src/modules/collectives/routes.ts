import { CollectiveCreateSchema, CollectiveListQuerySchema, CollectiveSchema, CollectiveUpdateSchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { idParam, json, jsonBody, problems, routesFor } from '../../http/route-helpers.ts'
import { registerProblems, registerRoutes } from '../registry-routes.ts'
import { collectiveHistory, createCollective, exportCollectives, getCollective, listCollectives, updateCollective } from './service.ts'

const register = registerRoutes('collectives', '/collectives', {
  query: CollectiveListQuerySchema, item: CollectiveSchema, page: 'A page',
  list: 'List village collectives, strong-village companies and cooperatives in scope',
})
const collectives = routesFor('collectives', registerProblems)
const duplicate = problems({ 403: 'Not allowed', 409: 'Duplicate credit code' })

const getRoute = collectives.get('/collectives/{id}', 'One collective', json(CollectiveSchema, 'The collective'))
const createRoute_ = collectives.route({
  method: 'post', path: '/collectives', summary: 'Register a collective, strong-village company or cooperative',
  request: jsonBody(CollectiveCreateSchema),
  responses: { 201: json(CollectiveSchema, 'Created'), ...duplicate },
})
const updateRoute = collectives.route({
  method: 'patch', path: '/collectives/{id}', summary: 'Update a collective',
  request: { params: idParam, ...jsonBody(CollectiveUpdateSchema) },
  responses: { 200: json(CollectiveSchema, 'Updated'), ...duplicate },
})

export const collectiveRoutes = createRouter()
  .openapi(register.list, async (c) => c.json(await listCollectives(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(register.export, async (c) => {
    const f = await exportCollectives(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getCollective(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createCollective(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateCollective(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(register.history, async (c) => c.json(await collectiveHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
