/**
 * Times `GET /api/income/alerts` (and the summary and the alert export) as the `lishui` demo account
 * (city scope, the whole Lishui demo). Opt-in, it is a measurement rather than a check:
 *   GF_BENCH_INCOME=1 npx vitest run --project int-pglite server/bench/income-alerts.int.test.ts
 */
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/harness.ts'
import { foldPendingWork } from '../src/modules/cockpit/fold.ts'
import { sql } from 'drizzle-orm'
import { queryRows } from '../src/db/client.ts'

const t = useTestApp()
const RUNS = Number(process.env.GF_BENCH_INCOME_RUNS ?? 3)

describe.skipIf(!process.env.GF_BENCH_INCOME)('income alerts timing (lishui)', () => {
  it('prints ms per call', { timeout: 3_600_000 }, async () => {
    // The server folds queued work records in the background; the demo's are still queued in the template.
    const t0 = performance.now()
    await foldPendingWork(t.database.db)
    console.log(`fold of the demo's queued work records: ${(performance.now() - t0).toFixed(0)} ms`)
    const time = async (label: string, path: string) => {
      const ms: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now()
        const r = path.endsWith('.xlsx')
          ? await t.app.request(path, { headers: { authorization: `Bearer ${await t.token('lishui')}` } })
          : await t.api('GET', path, { as: 'lishui' })
        if ('arrayBuffer' in r) await r.arrayBuffer()
        ms.push(performance.now() - t0)
        expect(r.status).toBe(200)
        if ('body' in r && i === 0) console.log(`${label}: total ${(r.body as { total?: number }).total ?? '-'}`)
      }
      console.log(`${label}: ${ms.map((x) => x.toFixed(0)).join(' / ')} ms`)
    }
    await time('GET /api/income/alerts', '/api/income/alerts')
    await time('GET /api/income/alerts?kind=below_baseline', '/api/income/alerts?kind=below_baseline')
    await time('GET /api/income/alerts.xlsx', '/api/income/alerts.xlsx')
    await time('GET /api/income/summary', '/api/income/summary')
    await time('GET /api/income/workers', '/api/income/workers')

    // What the income roll-up adds to a fold: every demo line folded again in a rolled-back transaction,
    // once through the whole fold and once through its income part alone.
    const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records`)) as [{ n: number }]
    for (const [label, stmt] of [
      ['cockpit_fold_work() (cockpit + income)', sql`insert into cockpit_pending_work (id) select id from work_records on conflict do nothing`],
      ['income_fold_records() alone', null],
    ] as const) {
      await t.database.db
        .transaction(async (tx) => {
          const t0 = performance.now()
          if (stmt) {
            await tx.execute(stmt)
            await tx.execute(sql`select cockpit_fold_work()`)
          } else await tx.execute(sql`select income_fold_records(array(select id from work_records))`)
          console.log(`${label} of all ${n} demo lines: ${(performance.now() - t0).toFixed(0)} ms`)
          throw new Error('rollback')
        })
        .catch(() => undefined)
    }
  })
})
