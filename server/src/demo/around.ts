/**
 * Demo data around the workshop at Lishui scale: village-collective income (≈ 14 million yuan a year,
 * as Lishui reports), 东门村's member households and profit-sharing runs, sales sessions of up to 131
 * livestream workshops (≈ 1.6 billion yuan a year), agri-tourism visitors, and a few partner-recruitment
 * opportunities with applications. Uses the registry's Lishui workshops and collectives when they exist;
 * deterministic (names and codes, never random UUIDs, feed the hashes); set-based inserts keep it fast.
 */
import { and, asc, eq, like, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import {
  collectiveIncomes,
  collectiveMembers,
  collectives,
  enterprises,
  partnerApplicationEvents,
  partnerApplications,
  partnerOpportunities,
  profitSharingLines,
  profitSharingRuns,
  regions,
  users,
  workshops,
} from '../db/schema/index.ts'
import { splitFen } from '../modules/profit-sharing/split-fen.ts'
import { Random } from './random.ts'
import { FIELDS, activeVault, sealContactPhone } from '../vault/index.ts'
import { DEMO_VILLAGE } from './seed-demo.ts'
import { today } from '@gongfang/shared/clock'

/** Lishui: +14 million yuan a year for village collectives; 131 livestream workshops, 1.6 billion yuan online retail. */
const LISHUI_COLLECTIVE_FEN_PER_YEAR = 1_400_000_000
const LISHUI_LIVESTREAM_WORKSHOPS = 131
const LISHUI_ONLINE_FEN_PER_YEAR = 160_000_000_000

const todayCn = () => today()
const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10)
const monthStart = (d: string, back: number) => {
  const [y, m] = d.split('-').map(Number) as [number, number]
  const t = new Date(Date.UTC(y, m - 1 - back, 1))
  return t.toISOString().slice(0, 10)
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * Bulk-insert demo facts without the cockpit's row-level roll-up trigger (≈ 0.65 ms a row on PGlite),
 * then add the same amounts to cockpit_sums in one set-based statement, pre-aggregated per village,
 * workshop and month, through the cockpit's own cockpit_nodes(). One transaction: either both or neither.
 * Without the cockpit's trigger (an older schema) it is a plain insert.
 */
async function insertFacts(db: Db, table: 'collective_incomes' | 'sales_sessions' | 'tourism_records', insert: (tx: Tx) => Promise<unknown>) {
  const trigger = `cockpit_${table}`
  const spec = {
    collective_incomes: { ws: 'source_workshop_id', date: 'income_date', sums: { collective_income_fen: 'amount_fen' } },
    sales_sessions: { ws: 'workshop_id', date: 'session_date', sums: { sales_fen: 'sales_fen', sales_orders: 'orders_count' } },
    tourism_records: { ws: 'workshop_id', date: 'record_date', sums: { tourism_visitors: 'visitors', tourism_revenue_fen: 'revenue_fen' } },
  }[table]
  await db.transaction(async (tx) => {
    const has = ((await tx.execute(sql`select 1 from pg_trigger where tgname = ${trigger}`)) as unknown as { rows: unknown[] }).rows.length > 0
    const [{ before }] = ((await tx.execute(sql.raw(`select coalesce(max(id), 0)::bigint as before from ${table}`))) as unknown as { rows: [{ before: number }] }).rows
    if (has) await tx.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`))
    await insert(tx)
    if (!has) return
    await tx.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`))
    const cols = Object.keys(spec.sums)
    await tx.execute(
      sql.raw(`insert into cockpit_sums as s (node, month, parent, level, ${cols.join(', ')})
        select n.node, g.m, n.parent, n.level, ${cols.map((c) => `sum(g.${c})::bigint`).join(', ')}
        from (
          select region_code, ${spec.ws} as ws, cockpit_month(${spec.date}) as m,
            ${Object.entries(spec.sums).map(([c, src]) => `sum(${src})::bigint as ${c}`).join(', ')}
          from ${table} where id > ${Number(before)} group by 1, 2, 3
        ) g cross join lateral cockpit_nodes(g.region_code, g.ws) n
        group by n.node, g.m, n.parent, n.level order by 1, 2
        on conflict (node, month) do update set ${cols.map((c) => `${c} = s.${c} + excluded.${c}`).join(', ')}`),
    )
  })
}

/**
 * `fromLastJanuary`: sales and visitors from January of last year (the full demo's calendar-year figures), else the
 * last 365 days. `history: false` leaves the sales and visitors to seedAroundHistory (the full demo's background).
 */
export async function seedAround(db: Db, opts: { fromLastJanuary?: boolean; history?: boolean } = {}): Promise<void> {
  const rnd = new Random(20261125)
  const today = todayCn()
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))
  const [staff] = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.username, 'qingyuan'))
  const [demoCollective] = await db.select().from(collectives).where(eq(collectives.name, '东门村股份经济合作社'))
  const [demoWorkshop] = await db.select().from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊'))
  const [demoEnterprise] = await db.select().from(enterprises).where(eq(enterprises.name, '庆元县香菇食品有限公司'))

  // ---- village-collective income: 24 months, ≈ 14 million yuan a year over Lishui's collectives -------------
  const lishuiCollectives = await db
    .select({ id: collectives.id, name: collectives.name, regionCode: collectives.regionCode })
    .from(collectives)
    .where(like(collectives.regionCode, '3311%'))
    .orderBy(asc(collectives.regionCode), asc(collectives.name))
  const hostWorkshops = await db
    .select({ id: workshops.id, collectiveId: workshops.collectiveId, name: workshops.name })
    .from(workshops)
    .where(and(like(workshops.regionCode, '3311%'), sql`${workshops.collectiveId} is not null`))
    .orderBy(asc(workshops.regionCode), asc(workshops.name))
  const workshopOf = new Map<string, string>()
  for (const w of hostWorkshops) if (!workshopOf.has(w.collectiveId!)) workshopOf.set(w.collectiveId!, w.id)
  const hosts = lishuiCollectives.filter((c) => workshopOf.has(c.id))
  const payers = hosts.length ? hosts : lishuiCollectives
  const weights = payers.map((c) => (c.id === demoCollective?.id ? 0 : 50 + rnd.int(0, 100)))
  const demoYear = 3_600_000 + 12 * 120_000 + 2_000_000 // 东门村: its own, hand-made figures below
  const perYear = splitFen(BigInt(LISHUI_COLLECTIVE_FEN_PER_YEAR - (demoCollective ? demoYear : 0)), weights.map(BigInt)).map(Number)
  const incomeRows: (typeof collectiveIncomes.$inferInsert)[] = []
  // From January of last year to today. Rent half-yearly (50 %), management fee quarterly (30 %), dividend in
  // December (20 %): four booking months a year keep the row count (and the roll-up) small.
  const firstYear = Number(today.slice(0, 4)) - 1
  for (let y = firstYear; y <= firstYear + 1; y++) {
    payers.forEach((c, i) => {
      const year = perYear[i]!
      if (!year) return
      const ws = workshopOf.get(c.id) ?? null
      const rent = Math.round(year * 0.25)
      const fee = Math.round((year * 0.3) / 4)
      for (const m of [3, 6, 9, 12]) {
        const on = `${y}-${String(m).padStart(2, '0')}-25`
        if (on > today) continue
        if (m % 6 === 0) incomeRows.push({ collectiveId: c.id, regionCode: c.regionCode, kind: 'rent', amountFen: rent, incomeDate: on, period: String(y), sourceWorkshopId: ws, note: m === 6 ? '闲置用房租金（上半年）' : '闲置用房租金（下半年）' })
        incomeRows.push({ collectiveId: c.id, regionCode: c.regionCode, kind: 'management_fee', amountFen: fee, incomeDate: on, period: `${y}-Q${m / 3}`, sourceWorkshopId: ws })
        if (m === 12) incomeRows.push({ collectiveId: c.id, regionCode: c.regionCode, kind: 'dividend', amountFen: year - 2 * rent - 4 * fee, incomeDate: on, period: String(y), sourceWorkshopId: ws, note: '入股分红' })
      }
    })
  }
  for (let back = 23; back >= 0; back--) {
    const first = monthStart(today, back)
    const [y, m] = first.split('-').map(Number) as [number, number]
    if (y < firstYear) continue
    const day = (d: number) => `${first.slice(0, 8)}${String(d).padStart(2, '0')}`
    if (day(28) > today) continue
    if (demoCollective && demoWorkshop) {
      if (m === 1) incomeRows.push({ collectiveId: demoCollective.id, regionCode: DEMO_VILLAGE, kind: 'rent', amountFen: 3_600_000, incomeDate: day(10), period: String(y), sourceWorkshopId: demoWorkshop.id, sourceEnterpriseId: demoEnterprise?.id ?? null, note: '原村小学校舍租金（年付）' })
      incomeRows.push({ collectiveId: demoCollective.id, regionCode: DEMO_VILLAGE, kind: 'management_fee', amountFen: 120_000, incomeDate: day(5), period: first.slice(0, 7), sourceWorkshopId: demoWorkshop.id, note: '工坊管理服务费' })
      if (m === 12) incomeRows.push({ collectiveId: demoCollective.id, regionCode: DEMO_VILLAGE, kind: 'dividend', amountFen: 2_000_000, incomeDate: day(28), period: String(y), sourceEnterpriseId: demoEnterprise?.id ?? null, note: '村集体入股企业年度分红' })
    }
  }
  // One statement over a JSON document: much faster than multi-row VALUES for thousands of rows.
  const doc = JSON.stringify(incomeRows)
  await insertFacts(db, 'collective_incomes', (tx) =>
    tx.execute(sql`insert into collective_incomes (collective_id, region_code, kind, amount_fen, income_date, period, source_workshop_id, source_enterprise_id, note)
      select "collectiveId", "regionCode", kind, "amountFen", "incomeDate", period, "sourceWorkshopId", "sourceEnterpriseId", note
      from jsonb_to_recordset(${doc}::jsonb) as x("collectiveId" uuid, "regionCode" text, kind text, "amountFen" bigint, "incomeDate" date,
        period text, "sourceWorkshopId" uuid, "sourceEnterpriseId" uuid, note text)`),
  )
  // ---- 东门村: member households with shares, one confirmed and one draft profit-sharing run --------------
  if (demoCollective) {
    const surnames = ['吴', '叶', '周', '李', '陈', '胡', '张', '刘', '范', '季', '姚', '毛']
    const given = ['国强', '秀英', '建华', '小梅', '春生', '玉兰', '德明', '美芳', '志军', '桂香', '永福', '丽娟', '金水', '彩凤']
    const members = Array.from({ length: 126 }, (_, i) => ({
      collectiveId: demoCollective.id,
      regionCode: DEMO_VILLAGE,
      householdNo: `${Math.floor(i / 18) + 1}组-${String((i % 18) + 1).padStart(2, '0')}`,
      headName: i === 0 ? '叶秀英' : `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}`,
      shares: rnd.int(1, 6),
    }))
    const inserted = await db.insert(collectiveMembers).values(members).returning({ id: collectiveMembers.id, householdNo: collectiveMembers.householdNo, headName: collectiveMembers.headName, shares: collectiveMembers.shares })
    // Household order as the API lists it: group then number (the codes sort as text here).
    inserted.sort((a, b) => a.householdNo.length - b.householdNo.length || (a.householdNo < b.householdNo ? -1 : a.householdNo > b.householdNo ? 1 : 0))
    const totalShares = inserted.reduce((a, m) => a + m.shares, 0)
    const lastYear = Number(today.slice(0, 4)) - 1
    for (const [title, period, totalFen, confirm] of [
      [`${lastYear} 年度股份分红`, String(lastYear), 8_600_000, true],
      [`${lastYear + 1} 年度股份分红（草案）`, String(lastYear + 1), 9_150_000, false],
    ] as const) {
      const [run] = await db
        .insert(profitSharingRuns)
        .values({ collectiveId: demoCollective.id, regionCode: DEMO_VILLAGE, title, period, totalFen, totalShares, households: inserted.length, createdBy: admin?.id ?? null, note: '村集体经营性收入分红' })
        .returning({ id: profitSharingRuns.id })
      const amounts = splitFen(BigInt(totalFen), inserted.map((m) => BigInt(m.shares)))
      await db.insert(profitSharingLines).values(inserted.map((m, i) => ({ runId: run!.id, memberId: m.id, seq: i + 1, householdNo: m.householdNo, headName: m.headName, shares: m.shares, amountFen: Number(amounts[i]!) })))
      if (confirm) await db.update(profitSharingRuns).set({ status: 'confirmed', confirmedBy: admin?.id ?? null, confirmedAt: new Date(`${lastYear + 1}-01-20T02:00:00Z`) }).where(eq(profitSharingRuns.id, run!.id))
    }
  }

  if (opts.history !== false) await seedAroundHistory(db, opts)

  // ---- 我在浙丽有个村: opportunities and applications ------------------------------------------------------
  const villagesOf = async (prefix: string, n: number) =>
    (await db.select({ code: regions.code }).from(regions).where(and(like(regions.code, `${prefix}%`), eq(regions.level, 5))).orderBy(asc(regions.code)).limit(n)).map((r) => r.code)
  const songyuan = (await villagesOf('331126001', 4)).filter((c) => c !== DEMO_VILLAGE)
  const longquan = await villagesOf('331181', 3)
  const jingning = await villagesOf('331127', 3)
  const opps: (typeof partnerOpportunities.$inferInsert)[] = [
    {
      regionCode: DEMO_VILLAGE,
      collectiveId: demoCollective?.id ?? null,
      title: '东门村闲置小学校舍招商',
      kind: 'idle_building',
      description: '原东门小学两层校舍约 1200 平方米，水电齐全，临近县道，可做来料加工车间或直播基地；村里可组织 60 名左右劳动力。',
      areaM2: 1200,
      annualRentFen: 8_000_000,
      laborAvailable: 60,
      bundledRegionCodes: songyuan.slice(0, 2),
      contactName: '吴书记',
      contactPhoneEnc: sealContactPhone(activeVault(), FIELDS.partnerContactPhone, '13800000001'),
      createdBy: admin?.id ?? null,
    },
    {
      regionCode: '331126001',
      title: '松源街道联村香菇产业招商（强村公司牵头）',
      kind: 'bundle',
      description: '松源街道三村联建，提供标准厂房与冷库，面向食用菌精深加工、电商企业招商。',
      areaM2: 3000,
      laborAvailable: 150,
      bundledRegionCodes: songyuan,
      contactName: '街道招商办',
      contactPhoneEnc: sealContactPhone(activeVault(), FIELDS.partnerContactPhone, '05786000001'),
      createdBy: staff?.id ?? null,
    },
    ...(longquan[0]
      ? [{ regionCode: longquan[0], title: '龙泉青瓷小镇周边流转土地 50 亩', kind: 'land', description: '连片流转土地 50 亩，适合农旅融合项目与研学基地。', areaM2: 33_333, annualRentFen: 3_000_000, laborAvailable: 40, bundledRegionCodes: longquan.slice(1), createdBy: admin?.id ?? null }]
      : []),
    ...(jingning[0]
      ? [{ regionCode: jingning[0], title: '景宁畲乡彩带非遗手作资源', kind: 'resource', description: '村里有 30 余位会织畲族彩带的妇女，寻找文创企业合作开发产品。', laborAvailable: 30, bundledRegionCodes: [], createdBy: admin?.id ?? null }]
      : []),
  ]
  const createdOpps = await db.insert(partnerOpportunities).values(opps).returning({ id: partnerOpportunities.id, regionCode: partnerOpportunities.regionCode, collectiveId: partnerOpportunities.collectiveId, title: partnerOpportunities.title })
  const others = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(like(enterprises.regionCode, '3311%'), sql`${enterprises.name} <> '庆元县香菇食品有限公司'`))
    .orderBy(asc(enterprises.creditCode))
    .limit(3)
  const flow: { opp: number; enterprise: string | undefined; stage: string; proposal: string; jobs: number; steps: [string, number, string][] }[] = [
    {
      opp: 0,
      enterprise: demoEnterprise?.id,
      stage: 'signed',
      proposal: '扩建香菇分拣车间，优先招收本村低收入农户与留守妇女。',
      jobs: 45,
      steps: [['contacted', 40, '电话联系周总，介绍校舍条件'], ['site_visit', 30, '企业实地踏勘校舍'], ['negotiating', 20, '商谈租金与用工'], ['signed', 10, '签约，纳入东门村香菇分拣共富工坊']],
    },
    { opp: 1, enterprise: demoEnterprise?.id, stage: 'negotiating', proposal: '建设香菇酱生产线与直播间。', jobs: 80, steps: [['contacted', 25, '街道对接'], ['site_visit', 15, '三村联合看点'], ['negotiating', 5, '冷库使用费商谈中']] },
    ...others.map((e, i) => ({ opp: Math.min(i + 1, createdOpps.length - 1), enterprise: e.id, stage: i === 0 ? 'contacted' : 'applied', proposal: '有意在村里设立来料加工点。', jobs: 20 + 10 * i, steps: (i === 0 ? [['contacted', 3, '已电话回访']] : []) as [string, number, string][] })),
  ]
  for (const f of flow) {
    const opp = createdOpps[f.opp]
    if (!opp || !f.enterprise) continue
    const appliedOn = addDays(today, -50)
    const [app] = await db
      .insert(partnerApplications)
      .values({
        opportunityId: opp.id,
        enterpriseId: f.enterprise,
        regionCode: opp.regionCode,
        collectiveId: opp.collectiveId,
        proposal: f.proposal,
        plannedJobs: f.jobs,
        stage: f.stage,
        signedOn: f.stage === 'signed' ? addDays(today, -10) : null,
        // Signing links to the workshop the enterprise already partners (the demo's existing link).
        workshopId: f.stage === 'signed' ? (demoWorkshop?.id ?? null) : null,
      })
      .onConflictDoNothing()
      .returning({ id: partnerApplications.id })
    if (!app) continue
    let prev = 'applied'
    const events: (typeof partnerApplicationEvents.$inferInsert)[] = [{ applicationId: app.id, fromStage: null, toStage: 'applied', eventDate: appliedOn, byName: '企业' }]
    for (const [stage, ago, note] of f.steps) {
      events.push({ applicationId: app.id, fromStage: prev, toStage: stage, eventDate: addDays(today, -ago), note, byUserId: staff?.id ?? null, byName: staff?.name ?? null })
      prev = stage
    }
    await db.insert(partnerApplicationEvents).values(events)
  }
}

/** Livestream sales and agri-tourism visitors, day by day and week by week (see seedAround for the span). */
export async function seedAroundHistory(db: Db, opts: { fromLastJanuary?: boolean } = {}): Promise<void> {
  const today = todayCn()
  // ---- livestream sales: up to 131 e-commerce workshops, the last 365 days, ≈ 1.6 billion yuan -------------
  const from = opts.fromLastJanuary ? `${Number(today.slice(0, 4)) - 1}-01-01` : addDays(today, -365)
  const to = addDays(today, -1)
  // ≈ 1.6 billion yuan a year, whatever the span.
  const salesFen = Math.round((LISHUI_ONLINE_FEN_PER_YEAR * (Date.parse(to) - Date.parse(from) + 86_400_000)) / (365 * 86_400_000))
  await insertFacts(db, 'sales_sessions', (tx) => tx.execute(sql`
    with ws as (
      select id, region_code, name from workshops where region_code like '3311%' and type = 'ecommerce'
      order by md5(name || region_code) limit ${LISHUI_LIVESTREAM_WORKSHOPS}
    ), raw as (
      select ws.id, ws.region_code, ws.name, d::date as day,
        ('x' || substr(md5(ws.name || d::text), 1, 8))::bit(32)::bigint as h
      from ws cross join generate_series(${from}::date, ${to}::date, interval '1 day') d
    ), picked as (
      -- about three sessions a week; session size varies 0.2×–1.8× around the mean
      select *, (0.2 + 1.6 * ((h % 100000) / 100000.0)) * (0.6 + ((('x' || substr(md5(name), 1, 6))::bit(24)::int) % 80) / 100.0) as w
      from raw where h % 7 < 3
    )
    insert into sales_sessions (workshop_id, region_code, session_date, platform, host, orders_count, sales_fen, products, source)
    select id, region_code, day,
      (array['抖音','快手','淘宝直播','拼多多','微信视频号'])[1 + (h % 5)::int],
      (array['村播小吴','阿英','山哥','菇娘','竹乡小周','茶妹'])[1 + ((h / 7) % 6)::int],
      greatest(1, floor(${salesFen}::numeric * w / sum(w) over () / 8800)::int),
      floor(${salesFen}::numeric * w / sum(w) over ())::bigint,
      string_to_array((array['香菇干,笋干', '高山茶叶', '黄花菜,番薯干', '竹编果篮', '庆元甜桔柚,香菇酱'])[1 + ((h / 11) % 5)::int], ','),
      'import'
    from picked`))

  // ---- agri-tourism: weekly visitors and revenue of Lishui's agri-tourism workshops, the last 52 weeks -------
  await insertFacts(db, 'tourism_records', (tx) => tx.execute(sql`
    insert into tourism_records (workshop_id, region_code, record_date, visitors, revenue_fen, note)
    select w.id, w.region_code, d::date, v.visitors, v.visitors * (6000 + (v.h % 14000)), '周汇总'
    from workshops w
    cross join generate_series(${opts.fromLastJanuary ? from : addDays(today, -364)}::date, ${to}::date, interval '7 day') d
    cross join lateral (
      select h, (40 + h % 360 + case when extract(month from d) in (5, 7, 8, 10) then 200 else 0 end)::int as visitors
      from (select ('x' || substr(md5(w.name || d::text), 1, 8))::bit(32)::bigint as h) x
    ) v
    where w.region_code like '3311%' and w.type = 'agritourism'`))
}
