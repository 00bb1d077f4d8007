import { EnterpriseCreateSchema, EnterpriseListQuerySchema, EnterpriseSchema, EnterpriseUpdateSchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { idParam, json, jsonBody, problems, routesFor } from '../../http/route-helpers.ts'
import { registerProblems, registerRoutes } from '../registry-routes.ts'
import { createEnterprise, enterpriseHistory, exportEnterprises, getEnterprise, listEnterprises, updateEnterprise } from './service.ts'

const register = registerRoutes('enterprises', '/enterprises', {
  query: EnterpriseListQuerySchema, item: EnterpriseSchema, page: 'A page', list: 'List enterprises in scope',
})
const enterprises = routesFor('enterprises', registerProblems)

const getRoute = enterprises.get('/enterprises/{id}', 'One enterprise', json(EnterpriseSchema, 'The enterprise'))
const createRoute_ = enterprises.route({
  method: 'post', path: '/enterprises', summary: 'Register an enterprise (credit code checked with GB 32100; duplicates → 409)',
  request: jsonBody(EnterpriseCreateSchema),
  responses: { 201: json(EnterpriseSchema, 'Created'), ...problems({ 403: 'Not allowed', 409: 'Credit code already registered' }) },
})
const updateRoute = enterprises.route({
  method: 'patch', path: '/enterprises/{id}', summary: 'Update an enterprise (the enterprise itself: contact and industry)',
  request: { params: idParam, ...jsonBody(EnterpriseUpdateSchema) },
  responses: { 200: json(EnterpriseSchema, 'Updated'), ...problems({ 403: 'Not allowed', 409: 'Duplicate credit code' }) },
})

export const enterpriseRoutes = createRouter()
  .openapi(register.list, async (c) => c.json(await listEnterprises(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(register.export, async (c) => {
    const f = await exportEnterprises(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getEnterprise(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createEnterprise(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateEnterprise(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(register.history, async (c) => c.json(await enterpriseHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
