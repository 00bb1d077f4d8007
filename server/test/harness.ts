import { afterAll, beforeAll } from 'vitest'
import { createApp, type App } from '../src/app.ts'
import type { Clock } from '@gongfang/shared/clock'
import type { Logger } from '../src/log.ts'
import type { Database } from '../src/db/client.ts'
import { DEMO_PASSWORD } from '../src/demo/seed-demo.ts'
import { loginLimiter, sprayLimiter, usernameLimiter } from '../src/modules/auth/routes.ts'
import { openTestDatabase, TEST_DB } from './test-db.ts'

export { TEST_DB }

export interface TestContext {
  database: Database
  app: App
  /** Bearer token of a demo account (cached per file). */
  token(username: string): Promise<string>
  /** JSON request as a user (or anonymous with null); returns status, parsed body and headers. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the JSON answer loosely unless it names a type
  api<T = any>(
    method: string,
    path: string,
    opts?: { as?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers; text: string }>
  /** The status alone of such a request: for the refusals a test checks one after another. */
  status(method: string, path: string, opts?: { as?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<number>
}

/** Environment settings for one test file: set before its tests, restored after (a worker runs several files). */
export function useEnv(vars: Record<string, string>): void {
  const saved = new Map<string, string | undefined>()
  beforeAll(() => {
    for (const [k, v] of Object.entries(vars)) {
      saved.set(k, process.env[k])
      process.env[k] = v
    }
  })
  afterAll(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
}

/** One database and app per test file, fresh from the template. */
export function useTestApp(opts: { clock?: Clock; log?: Logger } = {}): TestContext {
  const tokens = new Map<string, string>()
  const ctx = {} as TestContext
  beforeAll(async () => {
    // The login limiters live in the module, which every file of a worker shares: one file's failed
    // logins (10 usernames from the one test address) must not lock the next file out.
    loginLimiter.reset()
    sprayLimiter.reset()
    usernameLimiter.reset()
    ctx.database = await openTestDatabase()
    ctx.app = createApp({ database: ctx.database, serveWeb: false, clock: opts.clock, log: opts.log })
  })
  afterAll(async () => {
    await ctx.database?.close()
  })
  ctx.token = async (username) => {
    const hit = tokens.get(username)
    if (hit) return hit
    loginLimiter.reset(`local|${username}`)
    usernameLimiter.reset(username)
    const res = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    })
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
    const { token } = (await res.json()) as { token: string }
    tokens.set(username, token)
    return token
  }
  ctx.api = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.as) headers.authorization = `Bearer ${await ctx.token(opts.as)}`
    let body: RequestInit['body']
    if (opts.body instanceof FormData || typeof opts.body === 'string' || opts.body instanceof Uint8Array) body = opts.body as RequestInit['body']
    else if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(opts.body)
    }
    const res = await ctx.app.request(path, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as never, headers: res.headers, text }
  }
  ctx.status = async (method, path, opts) => (await ctx.api(method, path, opts)).status
  return ctx
}
