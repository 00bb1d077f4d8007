import type { Context } from 'hono'
import { counted } from './http/in-flight.ts'
import { sessionLookup } from './auth/sessions.ts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { secureHeaders } from 'hono/secure-headers'
import { bodyLimit } from 'hono/body-limit'
import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './db/client.ts'
import type { AppEnv } from './http/env.ts'
import { createRouter } from './http/router.ts'
import { ProblemError, onError, sendProblem } from './http/problem.ts'
import { authenticate } from './auth/middleware.ts'
import { refuseControlChars } from './http/control-chars.ts'
import { moduleRoutes } from './modules/index.ts'
import { exportJobRoutes } from './modules/jobs/export-routes.ts'
import { VERSION } from './version.ts'
import { systemClock, type Clock } from '@gongfang/shared/clock'
import { rootLogger, type Logger } from './log.ts'
import { randomUUID } from 'node:crypto'

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))
const require = createRequire(import.meta.url)
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'))

export interface AppOptions {
  database: Database
  /** Serve the built web app at / (default: when web/dist exists). */
  serveWeb?: boolean
  /** Where the built web app is (default web/dist). */
  webDir?: string
  /** What "now" is for every request (tests pin it; China dates follow from it). */
  clock?: Clock
  /** Where request logs go (default: the process's JSON log on stdout). */
  log?: Logger
}

// Answers that hold no one's data and may be cached (the public page sets its own max-age).
const PUBLIC_API = /^\/api\/(public\/|docs(\/|$)|openapi\.json$|health$)/

// A client may pass its own id for tracing; anything else gets a fresh one.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/

export function createApp({ database, webDir = WEB_DIST, serveWeb = existsSync(webDir), clock = systemClock, log: appLog = rootLogger }: AppOptions) {
  const app = new OpenAPIHono<AppEnv>()
  const sessions = sessionLookup(database)
  app.onError(onError)
  app.use('/api/*', async (c, next) => {
    const incoming = c.req.header('x-request-id')
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    const log = appLog.child({ requestId })
    c.set('requestId', requestId)
    c.set('clock', clock)
    c.set('log', log)
    c.header('X-Request-Id', requestId)
    const started = performance.now()
    await counted(next)
    // Personal data must not stay in browser or proxy caches; only the public page may be cached.
    if (!PUBLIC_API.test(c.req.path) && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
    // Method, route, status and duration; never the query string (it may carry names or ID numbers).
    c.var.log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request')
  })

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // No 'unsafe-inline' for scripts: the built index.html loads modules only (checked by web/e2e), so
        // user text that reaches HTML can never run.
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  )
  app.use('/api/*', async (c, next) => {
    c.set('db', database.db)
    c.set('dbKind', database.kind)
    c.set('dbState', database.state)
    c.set('sessions', await sessions)
    await next()
  })
  const MAX_BODY = 50 * 1024 * 1024
  const tooLarge = (c: Context) => sendProblem(c, new ProblemError(413, 'too-large', { zh: '请求体过大（上限 50 MB）', en: 'Request body too large (limit 50 MB)' }))
  const streamedLimit = bodyLimit({ maxSize: MAX_BODY, onError: tooLarge })
  app.use('/api/*', async (c, next) => {
    // A declared length is decided from the header (Node reads exactly that many bytes). Only a chunked
    // body goes through bodyLimit, which builds a web Request and streams it: costly on every request.
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > MAX_BODY ? tooLarge(c) : next()
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return streamedLimit(c, next)
  })
  app.use('/api/*', refuseControlChars)
  app.use('/api/*', authenticate)

  const api = createRouter()
  for (const routes of moduleRoutes) api.route('/', routes)
  // Export jobs run the direct export through the whole app (authentication, access, audit) with the caller's credentials.
  api.route('/', exportJobRoutes((req) => app.fetch(req)))
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  // Built once, on first request: the 400 (body not JSON) and 422 (fails its schema) that every operation taking
  // input can answer are documented here for all of them at once.
  let document: ReturnType<typeof api.getOpenAPI31Document> | null = null
  api.get('/openapi.json', (c) => {
    document ??= withInputProblems(api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Gongfang API',
      version: VERSION,
      description:
        'Common Prosperity Workshops (共富工坊). Money is integer fen. Errors are RFC 9457 problem+json in zh-CN or en by Accept-Language. Lists take page and pageSize (≤ 200). Any operation may also answer 413 (body too large), 429 (rate limited, with Retry-After) and 503 (database busy or a statement past its time limit).',
    },
    servers: [{ url: '/api' }],
  }))
    return c.json(document)
  })
  api.get('/docs', (c) =>
    c.html(`<!doctype html><html><head><meta charset="utf-8"><title>Gongfang API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`),
  )
  api.get('/docs/assets/init.js', (c) =>
    c.body("window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' })", 200, { 'content-type': 'text/javascript' }),
  )
  api.use('/docs/assets/*', serveStatic({ root: relative(process.cwd(), SWAGGER_DIR), rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, '') }))
  api.all('*', (c) => sendProblem(c, new ProblemError(404, 'no-route', { zh: '接口不存在', en: 'No such endpoint' })))
  app.route('/api', api)

  if (serveWeb) {
    const root = relative(process.cwd(), webDir)
    // Vite names every file under assets/ by its content hash: cache for a year. The build also wrote .br and .gz
    // copies (web/scripts/compress.mjs), chosen by Accept-Encoding; Vary tells caches the answer depends on it.
    // Everything else (index.html, icons, manifest) keeps its name across releases: revalidate each time.
    app.use('*', async (c, next) => {
      await next()
      if (c.req.path.startsWith('/api/') || c.res.status !== 200) return
      const hashed = c.req.path.startsWith('/assets/')
      c.res.headers.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      if (hashed && !c.res.headers.get('Vary')) c.res.headers.set('Vary', 'Accept-Encoding')
    })
    app.use('*', serveStatic({ root, precompressed: true }))
    const index = () => readFileSync(`${webDir}/index.html`, 'utf8')
    app.get('*', (c) => c.html(index()))
  }
  return app
}
export type App = ReturnType<typeof createApp>

/**
 * Adds the answers the router gives every operation alike: 400 for a body that is not JSON, to each operation
 * that takes a JSON body; 422 (one entry per field) for a path, query or body that fails its schema, to each
 * operation that takes any of them (the router's defaultHook, createRouter()).
 */
function withInputProblems<T extends { paths?: object }>(doc: T): T {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
  const malformed = { description: 'The body is not valid JSON', content: problem }
  const invalid = { description: 'Invalid input: a path, query or body value fails its schema (one entry per field)', content: problem }
  type Op = { parameters?: unknown[]; requestBody?: { content?: Record<string, unknown> }; responses?: Record<string, unknown> }
  for (const methods of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>))
    for (const op of Object.values(methods) as Op[]) {
      if (!op?.responses) continue
      if (op.requestBody?.content?.['application/json'] && !op.responses['400']) op.responses['400'] = malformed
      if ((op.requestBody || op.parameters?.length) && !op.responses['422']) op.responses['422'] = invalid
    }
  return doc
}
