import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'
import { ProblemError, sendProblem } from './problem.ts'

/**
 * C0 control characters other than tab, LF and CR, and DEL. PostgreSQL refuses NUL in text (SQLSTATE 22021)
 * and the others have no place in names, notes or searches; they are refused here, once, for every operation.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
// In the URL even tab, LF and CR are refused (percent-encoded: %00–%1F, %7F).
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i

/** Paths (e.g. body.name, query.q) of strings and object keys holding a control character. */
export function controlCharPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (out.length >= 20) return out
  if (typeof value === 'string') {
    if (CONTROL_CHAR.test(value)) out.push(path)
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlCharPaths(v, `${path}.${i}`, out))
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL_CHAR.test(k)) out.push(`${path}.${k.replace(CONTROL_CHAR, '?')}`)
      controlCharPaths(v, `${path}.${k}`, out)
    }
  }
  return out
}

const refuse = (paths: string[]) =>
  new ProblemError(
    422,
    'validation',
    { zh: '输入有误', en: 'Invalid input' },
    { zh: '文本中含有不允许的控制字符（如 NUL）', en: 'Text contains control characters (such as NUL), which are not allowed' },
    paths.map((path) => ({ path, message: { zh: '含有不允许的控制字符', en: 'Contains a control character' } })),
  )

/** Refuses (422, nothing done) a request whose URL or JSON body carries a control character in any string. */
export const refuseControlChars: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url
  const pathAndQuery = url.slice(url.indexOf('/', url.indexOf('//') + 2))
  if (ENCODED_CONTROL.test(pathAndQuery)) {
    const q = pathAndQuery.indexOf('?')
    const inQuery = q >= 0 && ENCODED_CONTROL.test(pathAndQuery.slice(q))
    return sendProblem(c, refuse([inQuery ? 'query' : 'path']))
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /\bjson\b/i.test(c.req.header('content-type') ?? '')) {
    let body: unknown
    try {
      body = await c.req.json() // cached by Hono: the route's validator reads the same parse
    } catch {
      return next() // malformed JSON: the route's validator answers 400
    }
    const paths = controlCharPaths(body, 'body')
    if (paths.length) return sendProblem(c, refuse(paths))
  }
  return next()
}
