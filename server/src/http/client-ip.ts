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
