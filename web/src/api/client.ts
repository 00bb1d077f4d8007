import { QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import createClient, { type Middleware } from 'openapi-fetch'
import i18n from '../i18n'
import type { paths } from './schema'

/** RFC 9457 body the API answers every error with (localised by Accept-Language). */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  errors?: { path: string; message: string }[]
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title)
    this.name = 'ApiError'
  }
  /** Field errors, with the request part stripped: `json.items.0.qty` → `items.0.qty`. */
  get fieldErrors(): { path: string; message: string }[] {
    return (this.problem.errors ?? []).map((e) => ({ ...e, path: e.path.replace(/^(json|query|param|form)\.?/, '') }))
  }
}

export function readCookie(name: string): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`))
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined
}

// Operations that answer 401 as part of their job: a wrong password must not bounce to the login page.
const NO_REDIRECT: readonly (keyof paths)[] = ['/auth/login', '/auth/me']

function onUnauthorized(operation: string) {
  if (NO_REDIRECT.some((p) => operation.startsWith(p)) || location.pathname === '/login') return
  queryClient.clear()
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`)
}

async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? ''
  return type.includes('json')
    ? await res.json()
    : { type: 'about:blank', title: i18n.t('common:errors.unknown'), status: res.status, detail: res.statusText }
}

const networkError = () => new ApiError(0, { type: 'about:blank', title: i18n.t('common:errors.network'), status: 0 })

/** A GET outside the typed paths (a link the server handed out), with the same headers and errors. */
async function request(path: string): Promise<Response> {
  let res: Response
  try {
    res = await fetch(path, { headers: { 'Accept-Language': i18n.language || 'zh-CN' }, credentials: 'same-origin' })
  } catch {
    throw networkError()
  }
  if (res.ok) return res
  if (res.status === 401) onUnauthorized(path)
  throw new ApiError(res.status, await problemOf(res))
}

/** Language and CSRF headers on every typed call. */
const headerMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', i18n.language || 'zh-CN')
    if (request.method !== 'GET') {
      const csrf = readCookie('gf_csrf')
      if (csrf) request.headers.set('X-CSRF-Token', csrf)
    }
    return request
  },
}

/**
 * A failed answer becomes an ApiError (problem+json, localised by Accept-Language), a 401 sends the user to the
 * login page, a network failure says so: pages show these errors as before.
 */
export const apiMiddleware: Middleware = {
  async onResponse({ schemaPath, response }) {
    if (response.ok) return undefined
    if (response.status === 401) onUnauthorized(schemaPath)
    throw new ApiError(response.status, await problemOf(response))
  },
  onError({ request, error }) {
    return request.signal?.aborted && error instanceof Error ? error : networkError()
  },
}

/** Leaves out empty values (undefined, null, ''), as the server reads a missing filter as "any". */
function serializeQuery(query: Record<string, unknown>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  return q.toString()
}

/**
 * The API, typed from the server's OpenAPI document (schema.d.ts, `npm run api:types`): paths, parameters,
 * bodies and answers are checked by TypeScript. Errors are thrown (apiMiddleware), so a call's `data` is the answer.
 */
export const api = createClient<paths>({ baseUrl: '/api', credentials: 'same-origin', querySerializer: serializeQuery })
api.use(headerMiddleware, apiMiddleware)

/**
 * The same typed client without the error rules: answers come back as `{ data, error, response }` and a network
 * failure throws. For callers that decide per status themselves (the day sheet's offline outbox).
 */
export const apiRaw = createClient<paths>({ baseUrl: '/api', credentials: 'same-origin', querySerializer: serializeQuery })
apiRaw.use(headerMiddleware)

/** A typed multipart body (an upload): `api.POST(path, { params, ...asForm({ file }) })`. */
export function asForm<T extends object>(body: T) {
  return {
    body,
    bodySerializer: (b: object) => {
      const form = new FormData()
      for (const [k, v] of Object.entries(b)) if (v !== undefined && v !== null) form.append(k, v instanceof Blob ? v : String(v))
      return form
    },
  }
}

/** The query parameters of a GET operation, for functions that pass a page's filters through. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never

/** The JSON body of an operation, for functions that pass a form's values through. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch' = 'post'> = paths[P] extends {
  [K in M]: { requestBody?: { content: { 'application/json': infer B } } }
}
  ? B
  : never

/** The answer of a typed call whose errors the middleware already threw: `api.GET(…).then(ok)`. */
export function ok<T>(res: { data?: T }): T {
  return res.data as T
}

export type Query = Record<string, string | number | boolean | null | undefined>

/** Saves a file answer (xlsx, csv, pdf) under the server's file name. */
async function saveFile(res: Response, blob: Blob, fallbackName: string): Promise<void> {
  const disposition = res.headers.get('content-disposition') ?? ''
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i)?.[1]
  const plain = disposition.match(/filename="?([^";]+)"?/i)?.[1]
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName)
  const url = URL.createObjectURL(blob)
  const a = Object.assign(document.createElement('a'), { href: url, download: name })
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Downloads a typed export call: `download(api.GET('/x/export', { params, parseAs: 'blob' }), 'x')`. */
export async function download(call: Promise<{ data?: Blob; response: Response }>, fallbackName = 'export'): Promise<void> {
  const { data, response } = await call
  await saveFile(response, data ?? new Blob(), fallbackName)
}

/** Downloads a file at a URL the server handed out (a finished export job's link). */
export async function downloadFile(url: string, fallbackName = 'export'): Promise<void> {
  const res = await request(url)
  await saveFile(res, await res.blob(), fallbackName)
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not fix themselves; retry only network and server failures.
      retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
    },
    mutations: { retry: false },
  },
})

export const ME_KEY = ['auth', 'me'] as const

/**
 * Whether the logged-in user's role may perform an operation, by the server's access table (`permissions` of
 * /api/auth/me): pages ask this instead of comparing roles. Rows are still filtered by the server.
 */
export function useCan(): (action: string) => boolean {
  const { data: me } = useMe()
  return (action) => !!me?.permissions.includes(action)
}

/** The logged-in user; `data` is null when logged out (401), never throws for that. */
export function useMe() {
  return useQuery(meQuery)
}

/** useMe()'s query, also started by main.tsx before the first render. */
export const meQuery = queryOptions({
  queryKey: ME_KEY,
  queryFn: async ({ signal }) => {
    try {
      return await api.GET('/auth/me', { signal }).then(ok)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null
      throw e
    }
  },
  staleTime: 5 * 60_000,
})
