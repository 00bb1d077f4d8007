/**
 * The contract, checked from the OpenAPI document itself: every operation is called as several callers with a
 * request built from its own schemas, with malformed JSON, and with wrong-typed query values. No answer may be a
 * 5xx, every status must be documented on the operation (except the few the whole API answers, listed below),
 * and every JSON answer must match its documented schema (ajv, JSON Schema 2020-12).
 */
import { expect, test } from 'vitest'
import Ajv2020 from 'ajv/dist/2020.js'
import { useTestApp } from '../../test/harness.ts'
import { deref, sample, type OpenApiDoc, type Schema } from '../../test/openapi-sample.ts'

const t = useTestApp()

/** Statuses any operation may answer, documented once in the API description rather than per operation. */
const GLOBAL = new Set([413, 429, 503])
/** Operations that end the caller's own session or change its password: calling them would log the fuzzer out. */
const SKIP = /^(post|put) \/auth\/(logout|password|me\/password|logout-everywhere)/
const CALLERS = [null, 'admin', 'qingyuan', 'township', 'operator', 'enterprise', 'collective', 'worker'] as const

test('every operation, as every kind of caller, with valid, malformed and wrong-typed requests: no 5xx, no undocumented status, no answer outside its schema', async () => {
  const doc = (await t.api('GET', '/api/openapi.json')).body as OpenApiDoc
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false })
  ajv.addSchema({ $id: 'api', components: doc.components })
  const rebase = (s: unknown): unknown =>
    Array.isArray(s) ? s.map(rebase) : s && typeof s === 'object' ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `api${v}` : rebase(v)])) : s

  const problems: string[] = []
  let sent = 0
  let ops = 0
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const name = `${method} ${path}`
      if (SKIP.test(name)) continue
      ops++
      const documented = new Set(Object.keys(op.responses).map(Number))
      const url = (query: Record<string, unknown>) => {
        const p = path.replace(/\{(\w+)\}/g, (_, k: string) => {
          const param = op.parameters?.find((x) => x.in === 'path' && x.name === k)
          return encodeURIComponent(String(sample(doc, param?.schema)))
        })
        const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()
        return `/api${p}${qs ? `?${qs}` : ''}`
      }
      const validQuery = Object.fromEntries((op.parameters ?? []).filter((x) => x.in === 'query' && x.required).map((x) => [x.name, sample(doc, x.schema)]))
      const jsonBody = op.requestBody?.content?.['application/json']
      const requests: { label: string; path: string; body?: string; headers?: Record<string, string> }[] = [
        { label: 'valid', path: url(validQuery), body: jsonBody ? JSON.stringify(sample(doc, jsonBody.schema)) : undefined },
      ]
      if (jsonBody) requests.push({ label: 'malformed json', path: url(validQuery), body: '{"a":' })
      const intParam = (op.parameters ?? []).find((x) => x.in === 'query' && deref(doc, x.schema).type === 'integer')
      if (intParam) requests.push({ label: `query ${intParam.name}=abc`, path: url({ ...validQuery, [intParam.name]: 'abc' }) })
      for (const as of CALLERS) {
        for (const r of requests) {
          const headers: Record<string, string> = { 'accept-language': 'zh-CN', ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}) }
          if (as) headers.authorization = `Bearer ${await t.token(as)}`
          const res = await t.app.request(r.path, { method: method.toUpperCase(), headers, body: r.body })
          sent++
          const where = `${name} [${r.label}] as ${as ?? 'anonymous'} → ${res.status}`
          if (res.status >= 500 && !GLOBAL.has(res.status)) problems.push(`${where}: server error ${(await res.text()).slice(0, 200)}`)
          else if (!documented.has(res.status) && !GLOBAL.has(res.status)) problems.push(`${where}: status not documented`)
          else if ((res.headers.get('content-type') ?? '').includes('json') && res.status < 300) {
            const schema = op.responses[String(res.status)]?.content?.['application/json']?.schema
            if (schema) {
              const validate = ajv.compile(rebase(schema) as Schema)
              if (!validate(await res.json())) problems.push(`${where}: answer breaks its schema ${ajv.errorsText(validate.errors).slice(0, 200)}`)
            }
          } else await res.arrayBuffer()
        }
      }
    }
  }
  console.log(`contract: ${ops} operations, ${sent} requests, ${problems.length} problems`)
  expect(ops).toBeGreaterThan(150)
  expect(problems).toEqual([])
}, 600_000)
