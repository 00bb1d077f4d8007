/**
 * Privacy, checked from the outside: every read operation in the OpenAPI document (lists, reads, exports in
 * JSON, CSV and xlsx) is called as every kind of caller, and everything it answers is searched for a way back to
 * a full ID number: the number itself, or a worker's masked number beside their birth date (with the region and
 * the check character, that rebuilds it). Only a reveal (one person, a reason, audited) and the two files the wage
 * law requires in full (the bank payment file, the wage ledger: their own permission) may carry full numbers.
 */
import { expect, test } from 'vitest'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { sample, type OpenApiDoc } from '../../../test/openapi-sample.ts'
import { testVault } from '../../../test/test-db.ts'
import { queryRows } from '../../db/client.ts'
import { openWorkerPersonal } from '../../vault/personal.ts'

const t = useTestApp()
const CALLERS = [null, 'admin', 'zhejiang', 'lishui', 'qingyuan', 'township', 'operator', 'enterprise', 'collective', 'worker'] as const
/** Full numbers by law (bank file, wage ledger); the API's own documents. */
const EXEMPT = /^get \/(payment-batches\/\{id\}\/file|paysheets\/\{id\}\/ledger\.xlsx|openapi\.json|docs)$/

interface Person {
  id: string
  idNumber: string
  birth: string
  birthCompact: string
  tail: string
}

async function textOf(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? ''
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const cells: string[] = []
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text ?? '')))))
    return cells.join('\n')
  }
  if (type.includes('json') || type.startsWith('text/')) return res.text()
  await res.arrayBuffer()
  return ''
}

test('no list, read or export answers anything that rebuilds a full ID number, for any caller', async () => {
  const rows = await queryRows<{ id: string; id_number_enc: string | null; id_number: string | null }>(
    t.database.db,
    sql`select id::text, id_number_enc, id_number from workers`,
  )
  const vault = testVault()
  const people = new Map<string, Person>()
  const byTail = new Map<string, Person[]>()
  for (const r of rows) {
    const idNumber = openWorkerPersonal(vault, { idNumberEnc: r.id_number_enc, idNumber: r.id_number, phoneEnc: null, phone: null, disabilityGradeEnc: null }).idNumber
    const birthCompact = idNumber.slice(6, 14)
    const p = { id: r.id, idNumber, birthCompact, birth: `${birthCompact.slice(0, 4)}-${birthCompact.slice(4, 6)}-${birthCompact.slice(6)}`, tail: idNumber.slice(-4) }
    people.set(idNumber, p)
    byTail.set(p.tail, [...(byTail.get(p.tail) ?? []), p])
  }
  expect(people.size).toBeGreaterThan(1000)
  const [{ own }] = (await queryRows<{ own: string }>(t.database.db, sql`select worker_id::text as own from users where username = 'worker'`)) as [{ own: string }]

  const doc = (await t.api('GET', '/api/openapi.json')).body as OpenApiDoc
  const problems: string[] = []
  let requests = 0
  let operations = 0
  let bytes = 0
  for (const as of CALLERS) {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await t.token(as)}` } : {}
    // Ids met in earlier answers, by the path they came from: /workers gives the ids for /workers/{id}.
    const idsFrom = new Map<string, string[]>()
    const gets = Object.entries(doc.paths)
      .filter(([, m]) => m.get)
      .sort(([a], [b]) => a.split('/').length - b.split('/').length || a.localeCompare(b))
    for (const [path, { get: op }] of gets) {
      const name = `get ${path}`
      if (EXEMPT.test(name)) continue
      if (as === CALLERS[0]) operations++
      const params = op!.parameters ?? []
      const parent = path.slice(0, path.indexOf('/{'))
      const candidates = path.includes('{') ? (idsFrom.get(parent) ?? []).slice(0, 3) : [null]
      for (const id of candidates) {
        const p = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(id ?? String(sample(doc, params.find((x) => x.name === k)?.schema))))
        const query = new URLSearchParams()
        for (const q of params.filter((x) => x.in === 'query')) {
          if (q.name === 'pageSize') query.set('pageSize', '200')
          else if (q.required) query.set(q.name, String(sample(doc, q.schema)))
        }
        const url = `/api${p}${query.size ? `?${query}` : ''}`
        const res = await t.app.request(url, { headers })
        requests++
        const text = await textOf(res)
        bytes += text.length
        if (res.status !== 200) continue
        if (!path.includes('{')) idsFrom.set(path, [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])])
        const where = `${name} as ${as ?? 'anonymous'}`
        // 1. A full number (a worker's own, shown to them, is theirs to see).
        for (const n of new Set(text.match(/\d{17}[\dX]/g) ?? [])) {
          const who = people.get(n)
          if (who && !(as === 'worker' && who.id === own)) problems.push(`${where}: full ID number of worker ${who.id}`)
        }
        // 2. A masked number beside its holder's birth date.
        const tails = new Set([...text.matchAll(/\*{6,}(\d{3}[\dX])/g)].map((m) => m[1]!))
        const dates = new Set(text.match(/\b(19|20)\d{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])\b/g) ?? [])
        for (const tail of tails)
          for (const who of byTail.get(tail) ?? [])
            if ((dates.has(who.birth) || dates.has(who.birthCompact)) && text.includes(who.id.slice(0, 8)) && !(as === 'worker' && who.id === own))
              problems.push(`${where}: masked number ${tail} beside the birth date of worker ${who.id}`)
      }
    }
  }
  console.log(`rebuild: ${operations} read operations × ${CALLERS.length} callers, ${requests} requests, ${(bytes / 1e6).toFixed(1)} MB searched, ${problems.length} ways back to a full ID number`)
  expect(operations).toBeGreaterThan(80)
  expect(problems).toEqual([])
}, 600_000)
