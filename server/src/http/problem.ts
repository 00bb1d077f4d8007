import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { ProblemSchema } from '@gongfang/shared'
import { localeOf, type Locale } from './locale.ts'
import { rootLogger, type Logger } from '../log.ts'
import { statementTimedOutRecently } from '../db/client.ts'

export type Text = { zh: string; en: string }
export interface FieldError {
  path: string
  message: string
}

/** Thrown by services; answered by onError as RFC 9457 problem+json in the caller's language. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** Short kebab slug, e.g. 'worker-not-found'; becomes the problem type URI. */
    readonly slug: string,
    readonly title: Text,
    readonly detailText?: Text,
    readonly errors?: { path: string; message: Text | string }[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(title.en)
  }
}

export const notFound = (what: Text) =>
  new ProblemError(404, 'not-found', { zh: `${what.zh}不存在或无权查看`, en: `${what.en} not found` })

export const forbidden = () =>
  new ProblemError(403, 'forbidden', { zh: '无权执行此操作', en: 'You may not do this' })

export const problemJson = { 'application/problem+json': { schema: ProblemSchema } }

export function problemBody(locale: Locale, p: ProblemError, instance?: string) {
  const pick = (t: Text) => (locale === 'en' ? t.en : t.zh)
  return {
    type: `urn:gongfang:problem:${p.slug}`,
    title: pick(p.title),
    status: p.status,
    ...(p.detailText ? { detail: pick(p.detailText) } : {}),
    ...(instance ? { instance } : {}),
    ...(p.errors
      ? { errors: p.errors.map((e) => ({ path: e.path, message: typeof e.message === 'string' ? e.message : pick(e.message) })) }
      : {}),
    ...p.extra,
  }
}

export function sendProblem(c: Context, p: ProblemError) {
  const requestId = (c.var as { requestId?: string }).requestId
  const body = { ...problemBody(localeOf(c), p, c.req.path), ...(requestId ? { requestId } : {}) }
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json; charset=utf-8' }
  if (typeof p.extra?.retryAfter === 'number') headers['Retry-After'] = String(p.extra.retryAfter)
  return c.body(JSON.stringify(body), p.status, headers)
}

const ZH_TYPES: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: '布尔值', object: '对象', array: '数组', date: '日期', bigint: '整数' }

/** Turns zod issues into a 422 problem with one entry per field, messages in the caller's language. */
export function validationProblem(c: Context, error: z.ZodError, where?: string): Response {
  const locale = localeOf(c)
  const zh = z.locales.zhCN().localeError
  const errors = error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].filter(Boolean).join('.')
    let message = issue.message
    // Our own rules (refine) write "中文 / English": each caller reads their half, never zod's generic "无效输入".
    const own = issue.code === 'custom' ? /^(.+?) \/ (.+)$/s.exec(issue.message) : null
    if (own) message = locale === 'zh-CN' ? own[1]! : own[2]!
    else if (locale === 'zh-CN') {
      if (issue.code === 'invalid_type') {
        // The final issue no longer carries the input, so zod's zh text would misreport what was received.
        message = / received undefined$/.test(issue.message) ? '必填' : `类型错误：应为${ZH_TYPES[issue.expected] ?? issue.expected}`
      } else {
        const m = zh(issue as never)
        message = typeof m === 'string' ? m : (m?.message ?? message)
      }
    }
    return { path, message }
  })
  return sendProblem(
    c,
    new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, {
      zh: errors.map((e) => `${e.path}: ${e.message}`).join('；'),
      en: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    }, errors),
  )
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof ProblemError) return sendProblem(c, err)
  if (err instanceof z.ZodError) return validationProblem(c, err)
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    if (status === 400 && /JSON/i.test(err.message)) {
      return sendProblem(c, new ProblemError(400, 'malformed-json', { zh: '请求体不是合法的 JSON', en: 'Malformed JSON body' }))
    }
    return sendProblem(c, new ProblemError(status, 'http-error', { zh: err.message || '请求错误', en: err.message || 'Request error' }))
  }
  // A database constraint hit by bad input is the caller's fault, not ours; but it may be a server bug
  // that merely looks like one, so every such error is logged with its SQLSTATE.
  const code = sqlState(err)
  const log = (c.var as { log?: Logger }).log ?? rootLogger
  const unavailable = databaseUnavailable(err, code)
  if (unavailable) {
    log.warn({ sqlState: code, method: c.req.method, path: c.req.path, err: String(err) }, 'database unavailable')
    c.header('Retry-After', '5')
    return sendProblem(c, unavailable)
  }
  if (code) log.warn({ sqlState: code, constraint: constraintOf(err), status: c.res.status, method: c.req.method, path: c.req.path }, 'database error')
  if (code === '23505') return sendProblem(c, new ProblemError(409, 'conflict', { zh: '记录已存在', en: 'Record already exists' }))
  if (code === '23503') return sendProblem(c, new ProblemError(422, 'reference', { zh: '引用的记录不存在', en: 'Referenced record does not exist' }))
  if (code === '22P02' || code === '22003' || code === '22007' || code === '22008')
    return sendProblem(c, new ProblemError(422, 'invalid-value', { zh: '数值无效', en: 'Invalid value' }))
  log.error({ err, sqlState: code, method: c.req.method, path: c.req.path }, 'unhandled error')
  return sendProblem(c, new ProblemError(500, 'internal', { zh: '服务器内部错误', en: 'Internal server error' }))
}

export const statementTimeoutProblem = () =>
  new ProblemError(503, 'statement-timeout', { zh: '查询超时，请缩小范围或稍后重试', en: 'The query took too long; narrow it or try again later' })
export const databaseUnavailableProblem = () =>
  new ProblemError(503, 'database-unavailable', { zh: '数据库暂时不可用，请稍后重试', en: 'The database is unavailable for a moment; try again' })

// Lost connections (a restarted PGlite thread, a PostgreSQL restart) carry no SQLSTATE but one of these.
const CONNECTION_LOST = /Connection terminated|ECONNREFUSED|ECONNRESET|ENOENT|EPIPE|Client has encountered a connection error|timeout exceeded when trying to connect/

/** A 503 for errors that are the database's state, not the request's fault: timeouts, shutdowns, lost connections. */
function databaseUnavailable(err: unknown, code: string | undefined): ProblemError | undefined {
  if (code === '57014') return statementTimeoutProblem()
  if (code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code?.startsWith('08')) return databaseUnavailableProblem()
  const message = `${code ?? ''} ${(err as Error)?.message ?? ''} ${String((err as { cause?: unknown }).cause ?? '')}`
  if (CONNECTION_LOST.test(message)) return statementTimedOutRecently() ? statementTimeoutProblem() : databaseUnavailableProblem()
  return undefined
}

/** The constraint a database error names, when the driver reports it. */
function constraintOf(err: unknown): string | undefined {
  return (err as { constraint?: string }).constraint ?? (err as { cause?: { constraint?: string } }).cause?.constraint
}

/** The SQLSTATE of a database error, from either driver (drizzle may wrap it as the cause). */
export function sqlState(err: unknown): string | undefined {
  return (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code
}
