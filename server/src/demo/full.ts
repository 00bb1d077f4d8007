/**
 * The full demo: what `npm start` shows a newcomer. On top of the small demo's registry (re-spread so Qingyuan's
 * 18 workshops employ 1,600+ people, workshops opened before last year) it writes daily work for every Lishui
 * worker from January of last year to yesterday, pay sheets locked and paid month by month, and the other ten
 * cities' workshops with a thinner set of workers working this year. Every figure the cockpit shows is computed
 * by the product from those daily lines (folded into the roll-ups by the same fold as any day sheet); the lines
 * and sheets themselves are written by lines.ts.
 *
 * The first start runs only the quick part (`seedFullForeground`: the demo workshop's two years and everyone's
 * last days); the rest runs after the server answers (`loadFullDemo`), month by month in statements of a few
 * seconds, resumable: a month already written is skipped, so a restart neither regenerates nor duplicates.
 */
import { sql } from 'drizzle-orm'
import { addDays, addMonths, today as chinaToday } from '@gongfang/shared/clock'
import { queryRows, type Db } from '../db/client.ts'
import { seedAroundHistory } from './around.ts'
import { buildDeferredIndexes, demoWorkshopSql, ensureProducts, foldQueue, notDemoWorkshop, sheetsFor, writeDemoWork, writeLines } from './lines.ts'
import { analyzeStale } from '../housekeeping.ts'
import { LISHUI_REGISTRY, generateRegistry, withBulkLoad } from './registry.ts'

/** Lishui's workers per county: Qingyuan's 1,600+ jobs as reported, the rest by the counties' workshops. */
export const LISHUI_WORKERS_FULL: Record<string, number> = {
  '331102': 900, // 莲都区
  '331121': 830, // 青田县
  '331122': 1_030, // 缙云县
  '331123': 760, // 遂昌县
  '331124': 790, // 松阳县
  '331125': 550, // 云和县
  '331126': 1_590, // 庆元县 (+ the demo workshop's members)
  '331127': 620, // 景宁畲族自治县
  '331181': 229, // 龙泉市 (7,299 in all, + 叶秀英)
}

/** Zhejiang reports 11,145 workshops; Lishui's 941 come from the registry step. */
export const PROVINCE_WORKSHOPS = 11_145
/** The other ten cities' workers in the demo: enough for the province map and /public, far below the real 490,000. */
export const OTHER_CITIES_WORKERS = 1_200
/** Members the demo workshop (the `operator` account's) has on its day sheet. */
const DEMO_WORKSHOP_MEMBERS = 32

export interface DemoLoadStatus {
  state: 'off' | 'loading' | 'done' | 'failed'
  /** 0–100. */
  percent: number
  step: string
  startedAt: string | null
  finishedAt: string | null
  /** Work-record lines written by the background load. */
  lines: number
}

let status: DemoLoadStatus = { state: 'off', percent: 0, step: '', startedAt: null, finishedAt: null, lines: 0 }
export const demoLoadStatus = (): DemoLoadStatus => status

const firstMonthOf = (today: string) => `${Number(today.slice(0, 4)) - 1}-01`

/** The registry step of the full demo: Lishui with Qingyuan's 1,600+ jobs, workshops open before last year. */
export async function seedFullRegistry(db: Db): Promise<void> {
  await withBulkLoad(db, async (tx) => {
    await generateRegistry(tx, {
      ...LISHUI_REGISTRY,
      workersByCounty: LISHUI_WORKERS_FULL,
      openedYears: [2019, 2024],
      joinWithinDays: 60,
      // The articles count workshops built and running: nearly all operate.
      statusMix: [0.96, 0.02, 0.015],
      allOperating: ['331126'],
    })
  })
}

/**
 * The quick part, in the first start's bootstrap: the demo workshop gets its day-sheet crew (neighbours from
 * 松源街道's other workshops move to it), then two years of its daily lines and sheets (locked and paid but for
 * last month), and every workshop's last three days. The background load writes the rest.
 */
export async function seedFullForeground(db: Db): Promise<void> {
  const today = chinaToday()
  const thisMonth = today.slice(0, 7)
  const yesterday = addDays(today, -1)
  const [demo] = await queryRows<{ id: string }>(db, sql`select id::text from workshops w where ${demoWorkshopSql}`)
  if (!demo) return
  await db.execute(sql`with moved as (
      select m.worker_id from workshop_members m join workshops w on w.id = m.workshop_id join workers k on k.id = m.worker_id
      where w.region_code like '331126%' and w.id <> ${demo.id}::uuid and m.end_on is null
      -- Neighbours from the township first, and not the disabled members of the workshops for disabled workers.
      order by (w.region_code like '331126001%') desc, (k.disability_grade_enc is not null), w.region_code, m.start_on, m.worker_id limit ${DEMO_WORKSHOP_MEMBERS - 1})
    , gone as (delete from workshop_members m using moved where m.worker_id = moved.worker_id returning m.worker_id)
    insert into workshop_members (workshop_id, worker_id, start_on) select ${demo.id}::uuid, worker_id, '2022-06-01' from gone`)
  await db.execute(sql`delete from workshop_products where workshop_id = ${demo.id}::uuid
    and not exists (select 1 from work_records r where r.product_id = workshop_products.id)`)
  await ensureProducts(db)
  const first = firstMonthOf(today)
  await writeLines(db, `${first}-01`, yesterday, demoWorkshopSql)
  const recentFrom = [addDays(today, -3), `${thisMonth}-01`].sort().at(-1)!
  await writeLines(db, recentFrom, yesterday, notDemoWorkshop)
  const lastMonth = addMonths(thisMonth, -1)
  await sheetsFor(db, demoWorkshopSql, { from: first, to: lastMonth, lock: true, paidBefore: lastMonth })
  await sheetsFor(db, sql`true`, { from: thisMonth, to: thisMonth, lock: false })
}

/** Whether this database is a full demo (its demo workshop has its crew): only then does the background load run. */
export async function isFullDemo(db: Db): Promise<boolean> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workshop_members m join workshops w on w.id = m.workshop_id where ${demoWorkshopSql}`)
  return Number(r?.n ?? 0) >= DEMO_WORKSHOP_MEMBERS
}

/**
 * The background part: the foreground's queued lines folded; every Lishui worker's days from January of last
 * year to the foreground's days, a slice of about 50 workers per transaction (each worker's days in one
 * slice, so the roll-up fold meets each worker once), folded as it goes, and its workshops' sheets up to last month,
 * locked in month order (each workshop's hash chain) and paid but for last month's; Lishui's sales and visitors; the
 * other cities' lines for this year (their registry comes first). Each statement stays within a few seconds, so requests keep being answered meanwhile.
 */
export async function loadFullDemo(
  db: Db,
  log: (m: string) => void = () => {},
  opts: {
    lastAttempt?: boolean
    /** Awaited before each transaction: the server waits for a moment without requests (people first). */
    giveWay?: () => Promise<boolean | void>
  } = {},
): Promise<DemoLoadStatus> {
  const today = chinaToday()
  const thisMonth = today.slice(0, 7)
  const first = firstMonthOf(today)
  const recentFrom = [addDays(today, -3), `${thisMonth}-01`].sort().at(-1)!
  const lastMonth = addMonths(thisMonth, -1)
  // A resumed load keeps the first attempt's start time.
  status = { state: 'loading', percent: 0, step: 'start', startedAt: status.startedAt ?? new Date().toISOString(), finishedAt: null, lines: 0 }
  const t0 = Date.now()
  try {
    const counties = Object.keys(LISHUI_WORKERS_FULL)
    // Progress: Lishui's lines and sheets ≈ 83 %, sales and visitors, the other cities ≈ 10 %.
    const set = (percent: number, step: string) => {
      status = { ...status, step, percent: Math.min(99, Math.round(percent)) }
    }
    const note = (step: string) => log(`  demo: ${step} (${((Date.now() - t0) / 1000).toFixed(1)} s, ${status.lines.toLocaleString('en')} lines)`)
    // The foreground's lines first (the readers would fold them otherwise). Then the other cities' registry, city
    // by city: its bulk load ends in the product's cockpit_rebuild(), cheap only before Lishui's lines are there.
    await foldQueue(db)
    set(1, 'other cities')
    await seedOtherCities(db)
    await ensureProducts(db)
    note('other cities registered')
    set(5, 'lines')
    // The sheets' lines are paid right after they are written: with room left on their pages each payment is a
    // heap-only update (no index entries: 100,000 lines paid in 0.3 s instead of 1.3–1.9 s). Pages written
    // after the load fill up again.
    await db.execute(sql`alter table paysheet_lines set (fillfactor = 50)`)
    const lishui = await writeDemoWork(db, {
      giveWay: opts.giveWay,
      from: `${first}-01`,
      to: addDays(recentFrom, -1),
      counties,
      progress: (done, total, lines) => {
        status.lines += lines
        set(5 + (83 * done) / total, `lines ${done}/${total}`)
      },
      sheets: { from: first, through: lastMonth, paidBefore: lastMonth },
      // Up to three slices (about 150 workers) a transaction while no request waits.
      mergeSlices: 3,
      // The indexes no slice reads are built once, after the other cities' lines too.
      deferIndexes: true,
    })
    await db.execute(sql`alter table paysheet_lines reset (fillfactor)`)
    const sec = (x: number) => `${(x / 1000).toFixed(1)} s`
    note(`Lishui lines (insert ${sec(lishui.ms.insert)}, fold ${sec(lishui.ms.fold + lishui.ms.queue)}, sheets ${sec(lishui.ms.sheets)}, giving way ${sec(lishui.ms.wait)})`)
    const [{ sales }] = (await queryRows<{ sales: number }>(db, sql`select count(*)::int as sales from sales_sessions`)) as [{ sales: number }]
    if (!sales) {
      set(88, 'sales and visitors')
      await seedAroundHistory(db, { fromLastJanuary: true })
      note('sales and visitors')
    }
    // The other cities: this year's work, thinner (their sheets stay open: nobody pays them in the demo).
    await writeDemoWork(db, {
      giveWay: opts.giveWay,
      from: `${today.slice(0, 4)}-01-01`,
      to: addDays(today, -1),
      counties: (await queryRows<{ city: string }>(db, sql`select distinct substr(code, 1, 4) as city from regions where level = 2 and code like '33%' and code not like '3311%' order by 1`)).map((r) => r.city),
      // A thin set (about 120 workers a city): bigger slices, the same lines a transaction as Lishui's.
      sliceWorkers: 150,
      deferIndexes: true,
      progress: (done, total, lines) => {
        status.lines += lines
        set(90 + (6 * done) / total, `other cities ${done}/${total}`)
      },
    })
    note('other cities’ lines')
    // After a restart too (every slice already there, the indexes perhaps not yet built again).
    set(96, 'indexes')
    await buildDeferredIndexes(db, opts.giveWay)
    note('indexes built')
    status = { ...status, state: 'done', percent: 100, step: 'done', finishedAt: new Date().toISOString() }
    note('fully loaded')
  } catch (err) {
    // Before the last attempt the caller resumes (a restarted database thread, say): still loading, not failed.
    const why = err instanceof Error ? err.message : String(err)
    status = opts.lastAttempt === false ? { ...status, state: 'loading', step: `resuming: ${why}` } : { ...status, state: 'failed', step: why }
    throw err
  }
  // The embedded database has no autovacuum, and the server's periodic analysis waited for the load: the
  // statistics of the tables it filled, now rather than within the minute. Housekeeping, not loading: a failure
  // (the server stopping meanwhile) leaves the load done, and the periodic analysis does it.
  try {
    await analyzeStale(db)
    log(`  demo: statistics (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  } catch (err) {
    log(`  demo: statistics left to the periodic analysis (${err instanceof Error ? err.message.slice(0, 200) : String(err)})`)
  }
  return status
}

/** The other ten cities' workshops, in proportion to their villages, with a thin set of workers. */
async function seedOtherCities(db: Db): Promise<void> {
  const counties = await queryRows<{ code: string; villages: number }>(
    db,
    sql`select c.code, (select count(*)::int from regions v where v.level = 5 and v.code like c.code || '%') as villages
        from regions c where c.level = 3 and c.code like '33%' and c.code not like '3311%' order by c.code`,
  )
  const [{ ws }] = (await queryRows<{ ws: number }>(db, sql`select count(*)::int as ws from workshops where region_code like '3311%'`)) as [{ ws: number }]
  const want = Math.max(0, PROVINCE_WORKSHOPS - ws)
  const all = counties.reduce((a, c) => a + c.villages, 0)
  const byCounty: Record<string, number> = {}
  const workersByCounty: Record<string, number> = {}
  let given = 0
  let people = 0
  for (const c of counties) {
    given += byCounty[c.code] = Math.floor((want * c.villages) / all)
    people += workersByCounty[c.code] = Math.floor((OTHER_CITIES_WORKERS * c.villages) / all)
  }
  for (let i = 0; given < want; i = (i + 1) % counties.length, given++) byCounty[counties[i]!.code]!++
  for (let i = 0; people < OTHER_CITIES_WORKERS; i = (i + 7) % counties.length, people++) workersByCounty[counties[i]!.code]!++
  // City by city, each in its own short transaction, so that requests meanwhile wait for one city at most; a city
  // already there (a restart) is kept. Triggers are off while a city loads (withBulkLoad) and the roll-ups rebuilt
  // once at the end, instead of after each city.
  const cities = [...new Set(counties.map((c) => c.code.slice(0, 4)))]
  let added = false
  for (const [i, city] of cities.entries()) {
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workshops where region_code like ${city + '%'}`)) as [{ n: number }]
    if (n) continue
    const pick = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([code]) => code.startsWith(city)))
    const people = Object.values(pick(workersByCounty)).reduce((a, b) => a + b, 0)
    await withBulkLoad(db, (tx) =>
      generateRegistry(tx, {
        seed: 33_2026 + i,
        workshopsByCounty: pick(byCounty),
        workers: people,
        workersByCounty: pick(workersByCounty),
        openedYears: [2019, 2025],
        joinWithinDays: 60,
        statusMix: [0.96, 0.02, 0.015],
        enterprisesPerCounty: 6,
        // Triggers are off (no foreign-key checks to plan): analyzed once after the last city.
        analyze: false,
      }),
      { rebuild: false },
    )
    added = true
  }
  // The roll-ups the registry's triggers would have kept, recomputed by the product once for all the cities (also
  // after a restart that stopped between a city and this rebuild: an operating workshop without its span).
  const [{ stale }] = (await queryRows<{ stale: boolean }>(
    db,
    sql`select exists (select 1 from workshops w where w.status = 'operating' and w.region_code not like '3311%'
          and not exists (select 1 from cockpit_workshop_spans s where s.workshop_id = w.id)) as stale`,
  )) as [{ stale: boolean }]
  if (added) await db.execute(sql`analyze collectives, enterprises, workshops, workers, workshop_members`)
  if (added || stale) await db.execute(sql`select cockpit_rebuild()`)
}
