import { createRoute, z, type RouteConfig } from '@hono/zod-openapi'
import { problemJson } from './problem.ts'

/** Shared pieces of route contracts: a JSON response, a JSON request body, the usual problem answers. */
export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T extends z.ZodTypeAny>(schema: T, { required = true } = {}) => ({
  body: { content: { 'application/json': { schema } }, required },
})

export const problemResponses = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role may not do this', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Conflicts with the current state', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

/** The problem answers a route gives, status → what it means on that route (RFC 9457 body). */
export const problems = <const S extends Record<number, string>>(descriptions: S) =>
  Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [status, { description, content: problemJson }]),
  ) as { [K in keyof S]: { description: S[K]; content: typeof problemJson } }

export const idParam = z.object({ id: z.uuid() })

/** Routes behind a login say so in the OpenAPI document (the bearer token of /auth/login). */
export const bearer = [{ bearer: [] }]

type Answer = { description: string; content: object }
type Answers = Record<number, Answer>
type RequestParts = NonNullable<RouteConfig['request']>
type QueryOf = NonNullable<RequestParts['query']>

/**
 * The route shapes the modules repeat, with a module's tag, the bearer login and its problem answers filled in
 * once. Each returns createRoute's own value (literal method, path, request and responses), so `.openapi()`
 * still checks every handler's answer against the response schema.
 */
export function routesFor<const E extends Answers>(
  tag: string,
  errors: E,
  /** The `{id}` parameter of get, update and act (a module may document it with an example). */
  { id = idParam }: { id?: typeof idParam } = {},
) {
  const tags = [tag]
  const security = bearer
  /** Any other shape: method, path, summary, request and the success answers; problems are added. */
  const route = <
    const M extends RouteConfig['method'],
    const P extends string,
    const Q extends RequestParts,
    const A extends Answers,
  >(config: {
    method: M
    path: P
    summary: string
    request: Q
    responses: A
  }) =>
    createRoute({
      method: config.method,
      path: config.path,
      tags,
      security,
      summary: config.summary,
      request: config.request,
      responses: { ...config.responses, ...errors },
    })
  return {
    route,
    /** GET a page (or list) filtered by a query. */
    list: <const P extends string, const Q extends QueryOf, const A extends Answer>(
      path: P,
      summary: string,
      query: Q,
      ok: A,
    ) => route({ method: 'get', path, summary, request: { query }, responses: { 200: ok } }),
    /** GET one thing by its `{id}`. */
    get: <const P extends string, const A extends Answer>(path: P, summary: string, ok: A) =>
      route({ method: 'get', path, summary, request: { params: id }, responses: { 200: ok } }),
    /** POST a JSON body that makes a new thing: 201. */
    create: <const P extends string, const B extends z.ZodTypeAny, const A extends Answer>(
      path: P,
      summary: string,
      body: B,
      ok: A,
    ) => route({ method: 'post', path, summary, request: jsonBody(body), responses: { 201: ok } }),
    /** PATCH the thing at `{id}` with a JSON body. */
    update: <const P extends string, const B extends z.ZodTypeAny, const A extends Answer>(
      path: P,
      summary: string,
      body: B,
      ok: A,
    ) =>
      route({
        method: 'patch',
        path,
        summary,
        request: { params: id, ...jsonBody(body) },
        responses: { 200: ok },
      }),
    /** POST an action on the thing at `{id}` with a JSON body: 200 with the thing after it. */
    act: <const P extends string, const B extends z.ZodTypeAny, const A extends Answer>(
      path: P,
      summary: string,
      body: B,
      ok: A,
    ) => route({ method: 'post', path, summary, request: { params: id, ...jsonBody(body) }, responses: { 200: ok } }),
  }
}

/**
 * GET the choices of a picker (the workshops or collectives the caller may record for), searched by up to 60
 * characters of a name. A picker finds nothing rather than 404: it answers only 401 and 422 besides the list.
 */
const pickerProblems = problems({ 401: 'Not logged in', 422: 'Invalid query' })
export const pickerRoute = <
  const P extends string,
  const A extends Answer,
  const E extends Answers = typeof pickerProblems,
>(
  tag: string,
  path: P,
  summary: string,
  ok: A,
  errors: E = pickerProblems as E,
) =>
  createRoute({
    method: 'get',
    path,
    tags: [tag],
    security: bearer,
    summary,
    request: { query: z.object({ q: z.string().trim().min(1).max(60).optional() }) },
    responses: { 200: ok, ...errors },
  })
