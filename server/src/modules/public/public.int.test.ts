import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { PERSON_FIGURES, SMALL_CELL } from '@gongfang/shared/cockpit'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()

/** Two villages of one township: 3 workers in one (a small cell), 6 in the other. */
async function seed() {
  const villages = await queryRows<{ code: string }>(t.database.db, sql`select code from regions where code like '331126002%' and level = 5 order by code limit 2`)
  for (const [vi, n] of [[0, 3], [1, 6]] as const) {
    const v = villages[vi]!.code
    const [ws] = await queryRows<{ id: string }>(
      t.database.db,
      sql`insert into workshops (name, type, region_code, status, opened_on) values (${'公开页测试工坊' + vi}, 'processing', ${v}, 'operating', '2025-01-01') returning id::text as id`,
    )
    for (let i = 0; i < n; i++) {
      const [w] = await queryRows<{ id: string }>(
        t.database.db,
        sql`insert into workers (name, id_number, birth_date, sex, region_code, disability_grade) values (${'公开页测试' + vi + i}, ${'PUB' + vi + i}, '1980-01-01', 'M', ${v}, ${i === 0 ? 2 : null}) returning id::text as id`,
      )
      await t.database.db.execute(
        sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen, low_income, disabled)
            values (${ws!.id}, ${w!.id}, ${v}, '2025-03-03', 10, 1000, 10000, ${i < 2}, ${i === 0})`,
      )
    }
  }
  return villages.map((v) => v.code)
}

describe('public figures', () => {
  it('needs no login, carries no personal data, and withholds every person figure from fewer than 5 persons at every level', async () => {
    const [small, big] = await seed()
    const period = 'from=2025-01&to=2025-06'
    const staffView = new Map<string, Record<string, number>>()
    let suppressedSeen = 0
    // Walk province → city → county → township → village; compare each cell with the staff cockpit.
    for (const region of ['33', '3311', '331126', '331126002', small!, big!]) {
      const r = await t.api('GET', `/api/public/summary?region=${region}&${period}`)
      expect(r.status).toBe(200)
      expect(r.text).not.toMatch(/公开页测试|叶秀英|idNumber|phone/)
      const staff = (await t.api('GET', `/api/cockpit/summary?region=${region}&${period}`, { as: 'admin' })).body.figures
      staffView.set(region, staff)
      const cells = [{ code: region, figures: r.body.figures }, ...r.body.children]
      for (const cell of cells) {
        const truth = cell.code === region ? staff : (await t.api('GET', `/api/cockpit/summary?region=${cell.code}&${period}`, { as: 'admin' })).body.figures
        const base: Record<string, number> = {
          workersEmployed: truth.workersEmployed,
          lowIncomeEmployed: truth.lowIncomeEmployed,
          disabledEmployed: truth.disabledEmployed,
          activeWorkerMonths: truth.workersEmployed,
          wagesFen: truth.workersEmployed,
          avgMonthlyIncreaseFen: truth.workersEmployed,
          avgIncreasePerWorkerFen: truth.workersEmployed,
        }
        for (const key of PERSON_FIGURES) {
          const small = base[key]! > 0 && base[key]! < SMALL_CELL
          if (small) {
            suppressedSeen++
            expect(cell.figures[key], `${cell.code} ${key}`).toBeNull()
            expect(cell.figures.suppressed).toContain(key)
          } else if (cell.figures[key] === null && truth[key] !== null) {
            expect(cell.figures.suppressed).toContain(key) // withheld as a complement (suppression.ts)
          } else {
            expect(cell.figures[key], `${cell.code} ${key}`).toBe(truth[key])
          }
        }
        expect(cell.figures.workshopsOperating).toBe(truth.workshopsOperating)
      }
    }
    // The 3-worker village: workers, wages and averages withheld; the 6-worker village: shown, but its 2 low-income and 1 disabled withheld.
    const s = (await t.api('GET', `/api/public/summary?region=${small}&${period}`)).body.figures
    expect(s.workersEmployed).toBeNull()
    expect(s.wagesFen).toBeNull()
    const b = (await t.api('GET', `/api/public/summary?region=${big}&${period}`)).body.figures
    expect(b.workersEmployed).toBe(6)
    expect(b.wagesFen).toBe(60000)
    expect(b.lowIncomeEmployed).toBeNull()
    expect(b.disabledEmployed).toBeNull()
    expect(b.suppressed.sort()).toEqual(['disabledEmployed', 'lowIncomeEmployed'])
    expect(suppressedSeen).toBeGreaterThan(5)
    expect((await t.api('GET', `/api/public/summary?region=331126999`)).status).toBe(404)
    expect((await t.api('GET', `/api/public/summary?region=abc`)).status).toBe(422)
  })
})
