import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problemResponses } from '../../http/route-helpers.ts'
import {
  endOtherSessions,
  endSession,
  listSessions,
  listUsers,
  resetPassword,
  SessionEntrySchema,
  setDisabled,
  UserEntrySchema,
  UserQuerySchema,
} from './service.ts'

const { 401: unauthenticated, 403: forbidden, 404: missing, 409: conflict, 422: invalid } = problemResponses
const security = bearer

const listUsersRoute = createRoute({
  method: 'get', path: '/users', tags: ['accounts'], security,
  summary: 'Accounts (administrator): search by username or name, filter by role; with live sessions and the last login',
  request: { query: UserQuerySchema },
  responses: { 200: json(pageOf(UserEntrySchema), 'A page of accounts'), 401: unauthenticated, 403: forbidden, 422: invalid },
})
const resetRoute = createRoute({
  method: 'post', path: '/users/{id}/reset-password', tags: ['accounts'], security,
  summary: 'Reset an account’s password (administrator): a one-time password, shown once; the holder must change it at the next login; all their sessions end (audited)',
  request: { params: idParam },
  responses: {
    200: json(z.object({ username: z.string(), temporaryPassword: z.string() }), 'The one-time password'),
    401: unauthenticated, 403: forbidden, 404: missing, 409: conflict, 422: invalid,
  },
})
const disableRoute = createRoute({
  method: 'post', path: '/users/{id}/disabled', tags: ['accounts'], security,
  summary: 'Disable or re-enable an account (administrator); disabling ends its sessions (audited)',
  request: { params: idParam, ...jsonBody(z.object({ disabled: z.boolean() })) },
  responses: { 200: json(z.object({ id: z.uuid(), disabled: z.boolean() }), 'Changed'), 401: unauthenticated, 403: forbidden, 404: missing, 409: conflict, 422: invalid },
})
const sessionsRoute = createRoute({
  method: 'get', path: '/auth/sessions', tags: ['auth'], security,
  summary: 'The devices the caller is logged in on, this one first',
  responses: { 200: json(z.array(SessionEntrySchema), 'Live sessions'), 401: unauthenticated, 403: forbidden },
})
const endSessionRoute = createRoute({
  method: 'delete', path: '/auth/sessions/{id}', tags: ['auth'], security,
  summary: 'Log one of the caller’s devices out',
  request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }) },
  responses: { 204: { description: 'Ended' }, 401: unauthenticated, 403: forbidden, 404: missing, 422: invalid },
})
const endOthersRoute = createRoute({
  method: 'post', path: '/auth/sessions/end-others', tags: ['auth'], security,
  summary: 'Log out everywhere else: every session of the caller but this one',
  responses: { 200: json(z.object({ ended: z.number().int() }), 'How many ended'), 401: unauthenticated, 403: forbidden },
})

export const accountRoutes = createRouter()
  .openapi(listUsersRoute, async (c) => c.json(await listUsers(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(resetRoute, async (c) => c.json(await resetPassword(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(disableRoute, async (c) => c.json(await setDisabled(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').disabled), 200))
  .openapi(sessionsRoute, async (c) => c.json(await listSessions(c.var.db, c.var.caller, c.var.sessionTokenHash ?? null), 200))
  .openapi(endOthersRoute, async (c) => c.json(await endOtherSessions(c.var.db, c.var.caller, c.var.sessionTokenHash ?? null), 200))
  .openapi(endSessionRoute, async (c) => {
    await endSession(c.var.db, c.var.caller, c.req.valid('param').id)
    return c.body(null, 204)
  })
