import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

/** The caller's address; X-Forwarded-For only when GONGFANG_TRUST_PROXY=1. */
export function clientIp(c: Context): string {
  if (process.env.GONGFANG_TRUST_PROXY === '1' || process.env.GONGFANG_TRUST_PROXY === 'true') {
    const xf = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (xf) return xf
  }
  try {
    return getConnInfo(c).remote.address ?? 'local'
  } catch {
    return 'local' // app.request() in tests has no socket
  }
}

/** Whether the browser reached us over HTTPS: directly, or through a trusted proxy (GONGFANG_TRUST_PROXY=1) saying so. */
export function requestIsHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  if (process.env.GONGFANG_TRUST_PROXY !== '1') return false
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
}
