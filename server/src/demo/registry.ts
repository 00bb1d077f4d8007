import { sql } from 'drizzle-orm'
import { idNumberCheckChar } from '@gongfang/shared'
import { creditCodeCheckChar } from '@gongfang/shared'
import { WORKSHOP_TYPES, type WorkshopType } from '@gongfang/shared/registry'
import { queryRows, type Db } from '../db/client.ts'
import { uuidv7 } from '../modules/imports/service.ts'
import { Random } from './random.ts'
import { DEMO_VILLAGE } from './seed-demo.ts'
import { FIELDS, activeVault, idNumberIndex, sealContactPhone, sealDisabilityGrade, sealWorkerPersonal } from '../vault/index.ts'

/**
 * The registry's deterministic demo: a Lishui-sized programme (its 9 counties, ~940 workshops of the
 * six types — 164 agri-tourism, 131 e-commerce/livestream —, ~7,300 workers, ~12 % of them in
 * low-income households, a few % disabled, many aged 60+, enterprises, collectives, memberships),
 * and the same generator at province scale for benchmarks (server/src/cli/seed.ts).
 */

export const LISHUI_WORKSHOPS: Record<string, number> = {
  '331102': 130, // 莲都区
  '331121': 120, // 青田县
  '331122': 150, // 缙云县
  '331123': 110, // 遂昌县
  '331124': 115, // 松阳县
  '331125': 80, // 云和县
  '331126': 17, // 庆元县 (+ the demo workshop = 18, as reported)
  '331127': 90, // 景宁畲族自治县
  '331181': 128, // 龙泉市
}
export const LISHUI_TYPE_COUNTS: Record<WorkshopType, number> = { processing: 420, recruitment: 80, ecommerce: 131, agritourism: 164, brand: 70, industry: 75 }

/** Lishui as both demos register it (the full one adds its own history on top). */
export const LISHUI_REGISTRY = {
  seed: 20260331,
  workshopsByCounty: LISHUI_WORKSHOPS,
  typeCounts: LISHUI_TYPE_COUNTS,
  workers: 7_299, // + 叶秀英 = 7,300
  enterprisesPerCounty: 18,
}

const PRODUCTS: Record<string, string[]> = {
  '331102': ['蔬菜', '古堰画乡文创', '茶叶', '来料编织'],
  '331121': ['石雕', '杨梅', '田鱼', '侨乡小商品'],
  '331122': ['烧饼', '茭白', '黄茶', '汽配组装'],
  '331123': ['竹炭', '茶叶', '长粽', '菊米'],
  '331124': ['茶叶', '香榧', '端午茶', '古村民宿'],
  '331125': ['木玩', '梯田', '雪梨', '木制玩具'],
  '331126': ['香菇', '竹制品', '甜橘柚', '廊桥文创'],
  '331127': ['畲族彩带', '惠明茶', '高山蔬菜', '畲乡民宿'],
  '331181': ['青瓷', '宝剑', '灵芝', '竹木'],
}
const DEFAULT_PRODUCTS = ['农产品', '来料加工', '手工编织', '电商', '民宿', '茶叶', '服装缝制', '小商品组装']
const TYPE_WORD: Record<WorkshopType, string[]> = {
  processing: ['来料加工', '分拣', '手工'],
  recruitment: ['就业', '定向招工'],
  ecommerce: ['直播', '电商'],
  agritourism: ['农旅', '民宿', '研学'],
  brand: ['品牌', '非遗'],
  industry: ['产业', '加工'],
}
const TYPE_SKILLS: Record<WorkshopType, string[]> = {
  processing: ['sorting', 'packing', 'assembly', 'sewing'],
  recruitment: ['sewing', 'assembly', 'packing'],
  ecommerce: ['livestream', 'packing', 'sorting'],
  agritourism: ['cooking', 'guiding', 'farming'],
  brand: ['weaving', 'embroidery', 'bamboo'],
  industry: ['assembly', 'woodwork', 'packing'],
}
const INDUSTRIES = ['食品加工', '工艺品', '服装', '电子组装', '竹木制品', '文旅', '农产品流通', '玩具', '茶叶', '电商']
const ENTERPRISE_SUFFIX = ['有限公司', '实业有限公司', '科技有限公司', '农业开发有限公司', '工艺品有限公司', '食品有限公司']
const SURNAMES = '吴叶周陈李王张刘林徐金毛季胡郑潘杨何雷蓝钟练蔡'.split('')
const GIVEN_F = '秀英 丽华 美珍 小芳 春花 玉兰 彩凤 桂香 雪梅 海燕 丽娟 爱琴 月娥 素琴 金花 翠英 菊香 云仙'.split(' ')
const GIVEN_M = '建国 德林 国平 志强 水根 永福 金水 福根 建华 土根 根土 伟 军 明华 春生 振华 有才 长青'.split(' ')

export interface RegistryScale {
  seed: number
  /** Workshops to create per county code. */
  workshopsByCounty: Record<string, number>
  /** Exact type counts (shuffled over all workshops); omitted = a realistic mix. */
  typeCounts?: Record<WorkshopType, number>
  workers: number
  enterprisesPerCounty: number
  /** Workers per county code (spread over its workshops by places); omitted = all workers by places alone. */
  workersByCounty?: Record<string, number>
  /** Years operating workshops opened in (inclusive); default 2021–2025. */
  openedYears?: [number, number]
  /** Shares of operating, planned and suspended workshops (the rest closed); default 0.85, 0.06, 0.06. */
  statusMix?: [number, number, number]
  /** Counties whose workshops all operate (Qingyuan reports its 18 running). */
  allOperating?: string[]
  /** A member joins within this many days of the workshop's opening; default 200. */
  joinWithinDays?: number
  /** Report progress (CLI). */
  log?: (msg: string) => void
  /**
   * Analyze the new rows as they land (default), so that foreign-key checks use the primary keys; a caller that
   * writes several registries with triggers off analyzes once after them.
   */
  analyze?: boolean
}

const BATCH = 5_000

/** Multi-row insert of plain rows (snake_case keys) through one JSON parameter per batch; same on both drivers. */
const SEALED_WORKER_COLUMNS = ['id_number_enc', 'id_number_bidx', 'id_number_tail_bidx', 'phone_enc', 'phone_bidx', 'phone_tail_bidx']

/** The sealed ID and phone columns of a demo worker (snake_case, for bulkInsert). */
function sealedWorkerColumns(idNumber: string, phone: string | null) {
  const s = sealWorkerPersonal(activeVault(), { idNumber, phone, disabilityGrade: null })
  return {
    id_number_enc: s.idNumberEnc,
    id_number_bidx: s.idNumberBidx,
    id_number_tail_bidx: s.idNumberTailBidx,
    phone_enc: s.phoneEnc,
    phone_bidx: s.phoneBidx,
    phone_tail_bidx: s.phoneTailBidx,
  }
}
const sealGrade = (grade: number) => sealDisabilityGrade(activeVault(), grade)

export async function bulkInsert(db: Db, table: string, columns: string[], rows: Record<string, unknown>[]) {
  const cols = sql.raw(columns.map((c) => `"${c}"`).join(', '))
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = JSON.stringify(rows.slice(i, i + BATCH))
    await db.execute(sql`insert into ${sql.raw(`"${table}"`)} (${cols}) select ${cols} from jsonb_populate_recordset(null::${sql.raw(`"${table}"`)}, ${part}::jsonb)`)
  }
}

function iso(d: Date) {
  return d.toISOString().slice(0, 10)
}
function addDays(day: string, n: number) {
  return iso(new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000))
}
function shortVillage(name: string) {
  return name.replace(/(社区)?(村民委员会|居民委员会|村委会|居委会)$/, '').replace(/村$/, '') + '村'
}

export async function generateRegistry(db: Db, scale: RegistryScale): Promise<{ workshops: number; workers: number; enterprises: number; collectives: number }> {
  const rnd = new Random(scale.seed)
  const log = scale.log ?? (() => {})
  const counties = Object.keys(scale.workshopsByCounty).sort()
  const villagesByCounty = new Map<string, { code: string; name: string; lng: number | null; lat: number | null }[]>()
  for (const c of counties) {
    const vs = await queryRows<{ code: string; name: string; lng: number | null; lat: number | null }>(
      db,
      sql`select code, name, lng, lat from regions where level = 5 and code like ${c + '%'} and code <> ${DEMO_VILLAGE} order by code`,
    )
    villagesByCounty.set(c, vs)
  }
  const countyNames = new Map((await queryRows<{ code: string; name: string }>(db, sql`select code, name from regions where level = 3`)).map((r) => [r.code, r.name]))
  // ID numbers are sealed: known ones are compared by their blind index.
  const vault = activeVault()
  const usedIds = new Set(
    (await queryRows<{ b: string }>(db, sql`select id_number_bidx as b from workers where id_number_bidx is not null and region_code like ${counties.length === 1 ? counties[0] + '%' : '%'}`)).map((r) => r.b),
  )
  const usedCredit = new Set((await queryRows<{ c: string }>(db, sql`select credit_code as c from enterprises union select credit_code from collectives where credit_code is not null`)).map((r) => r.c))
  // Names the demo accounts' records use stay unique (other modules and tests look them up by name).
  const takenNames = new Set(
    (await queryRows<{ n: string }>(db, sql`select name as n from workshops union select name from collectives union select name from enterprises union select name from workers`)).map((r) => r.n),
  )
  const today = iso(new Date())
  log('  loaded regions')

  // ---- types, shuffled deterministically over all workshops
  const totalWorkshops = counties.reduce((a, c) => a + scale.workshopsByCounty[c]!, 0)
  const counts = scale.typeCounts ?? proportionalTypes(totalWorkshops)
  const types: WorkshopType[] = WORKSHOP_TYPES.flatMap((t) => Array<WorkshopType>(counts[t]).fill(t))
  while (types.length < totalWorkshops) types.push('processing')
  for (let i = types.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1))
    ;[types[i], types[j]] = [types[j]!, types[i]!]
  }

  let creditSeq = 1000
  const creditCode = (prefix: string, county: string) => {
    for (;;) {
      const first17 = `${prefix}${county}MA${String(creditSeq++).padStart(7, '0')}`.slice(0, 17).replace(/[IOSVZ]/g, '0')
      const code = first17 + creditCodeCheckChar(first17)!
      if (!usedCredit.has(code)) {
        usedCredit.add(code)
        return code
      }
    }
  }

  const collectiveRows: Record<string, unknown>[] = []
  const enterpriseRows: Record<string, unknown>[] = []
  const workshopRows: Record<string, unknown>[] = []
  const statusRows: Record<string, unknown>[] = []
  const linkRows: Record<string, unknown>[] = []
  const enterprisesByCounty = new Map<string, string[]>()
  let typeIdx = 0

  for (const county of counties) {
    const villages = villagesByCounty.get(county) ?? []
    if (!villages.length) continue
    const cname = countyNames.get(county) ?? ''
    const products = PRODUCTS[county] ?? DEFAULT_PRODUCTS
    // Enterprises of the county
    const ents: string[] = []
    for (let i = 0; i < scale.enterprisesPerCounty; i++) {
      const id = uuidv7()
      const v = rnd.pick(villages)
      enterpriseRows.push({
        id,
        name: `${cname.replace(/(畲族自治县|县|市|区)$/, '')}${rnd.pick(products)}${rnd.pick(['', '鑫', '华', '源', '丰', '盛', '兴', '达', '绿谷', '瓯江'])}${rnd.pick(ENTERPRISE_SUFFIX)}`,
        credit_code: creditCode('91', county),
        region_code: v.code.slice(0, 9),
        contact_name: rnd.pick(SURNAMES) + rnd.pick(GIVEN_M),
        contact_phone_enc: sealContactPhone(vault, FIELDS.enterpriseContactPhone, `13${rnd.int(0, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`),
        industry: rnd.pick(INDUSTRIES),
      })
      ents.push(id)
    }
    enterprisesByCounty.set(county, ents)

    // Workshops over distinct villages where possible, each with its village collective
    const n = scale.workshopsByCounty[county]!
    const order = villages.map((v) => ({ v, k: rnd.next() })).sort((a, b) => a.k - b.k).map((x) => x.v)
    const collectiveOf = new Map<string, string>()
    const namesInVillage = new Map<string, Set<string>>()
    for (let i = 0; i < n; i++) {
      const v = order[i % order.length]!
      const type = types[typeIdx++]!
      let collectiveId = collectiveOf.get(v.code)
      if (!collectiveId) {
        collectiveId = uuidv7()
        collectiveOf.set(v.code, collectiveId)
        const kindRoll = rnd.next()
        const kind = kindRoll < 0.75 ? 'collective' : kindRoll < 0.9 ? 'company' : 'cooperative'
        const short = shortVillage(v.name)
        const suffix = kind === 'collective' ? '股份经济合作社' : kind === 'company' ? '强村发展有限公司' : '专业合作社'
        const stem = kind === 'collective' ? short : kind === 'company' ? short.replace(/村$/, '') : `${cname.replace(/(畲族自治县|县|市|区)$/, '')}${short}${rnd.pick(products)}`
        let cName = stem + suffix
        for (let k = 2; takenNames.has(cName); k++) cName = `${stem}（${k}）${suffix}`
        takenNames.add(cName)
        collectiveRows.push({
          id: collectiveId,
          name: cName,
          kind,
          region_code: v.code,
          credit_code: rnd.chance(0.8) ? creditCode(kind === 'collective' ? 'N2' : kind === 'company' ? '91' : 'N3', county) : null,
        })
      }
      const short = shortVillage(v.name)
      let name = `${short}${rnd.pick(products)}${rnd.pick(TYPE_WORD[type])}共富工坊`
      const used = namesInVillage.get(v.code) ?? new Set()
      for (let k = 2; used.has(name) || takenNames.has(name); k++) name = name.replace(/(\d+号)?共富工坊$/, `${k}号共富工坊`)
      takenNames.add(name)
      used.add(name)
      namesInVillage.set(v.code, used)
      const statusRoll = rnd.next()
      const [op, pl, su] = scale.allOperating?.includes(county) ? [1, 0, 0] : (scale.statusMix ?? [0.85, 0.06, 0.06])
      const status = statusRoll < op ? 'operating' : statusRoll < op + pl ? 'planned' : statusRoll < op + pl + su ? 'suspended' : 'closed'
      const [y0, y1] = scale.openedYears ?? [2021, 2025]
      const openedOn = status === 'planned' ? null : `${rnd.int(y0, y1)}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`
      const places = type === 'agritourism' ? rnd.int(6, 20) : type === 'ecommerce' ? rnd.int(5, 40) : rnd.int(8, 60)
      const id = uuidv7()
      const skills = TYPE_SKILLS[type].filter(() => rnd.chance(0.7))
      workshopRows.push({
        id,
        name,
        type,
        region_code: v.code,
        collective_id: collectiveId,
        address: `${cname}${short}${rnd.pick(['文化礼堂', '老村委楼', '闲置校舍', '村集体厂房', '农户自有房屋'])}`,
        lng: v.lng == null ? null : Math.round((v.lng + (rnd.next() - 0.5) * 0.01) * 1e5) / 1e5,
        lat: v.lat == null ? null : Math.round((v.lat + (rnd.next() - 0.5) * 0.01) * 1e5) / 1e5,
        floor_area_m_2: rnd.int(60, 800),
        daily_capacity: type === 'agritourism' ? 0 : places * rnd.int(50, 150),
        worker_places: places,
        skills: skills.length ? skills : [TYPE_SKILLS[type][0]],
        status,
        opened_on: openedOn,
        photos: [],
      })
      // Dated status history: planned on a date, then operating, then (maybe) suspended/closed.
      const plannedOn = openedOn ? addDays(openedOn, -rnd.int(30, 120)) : addDays(today, -rnd.int(10, 90))
      statusRows.push({ workshop_id: id, status: 'planned', effective_on: plannedOn, note: '登记' })
      if (openedOn) statusRows.push({ workshop_id: id, status: 'operating', effective_on: openedOn, note: '投入运营' })
      if (openedOn && (status === 'suspended' || status === 'closed')) {
        const on = addDays(openedOn, rnd.int(120, 600))
        statusRows.push({ workshop_id: id, status, effective_on: on < today ? on : today, note: status === 'suspended' ? '订单不足暂停' : '场地收回关闭' })
      }
      if (ents.length && type !== 'agritourism' && rnd.chance(0.85)) {
        const partners = new Set([rnd.pick(ents)])
        if (rnd.chance(0.25)) partners.add(rnd.pick(ents))
        for (const e of partners) linkRows.push({ workshop_id: id, enterprise_id: e, since: openedOn ?? plannedOn })
      }
    }
  }

  // ---- how many workers each non-planned workshop gets: by places, within each county when counts are given
  const hosts = workshopRows.filter((w) => w.status !== 'planned')
  const perHost = scale.workersByCounty ? byCountyThenPlaces(hosts, scale.workersByCounty) : byPlaces(hosts, scale.workers)
  // A workshop never has more members than places.
  hosts.forEach((w, i) => (w.worker_places = Math.max(w.worker_places as number, perHost[i]!)))

  await bulkInsert(db, 'collectives', ['id', 'name', 'kind', 'region_code', 'credit_code'], collectiveRows)
  await bulkInsert(db, 'enterprises', ['id', 'name', 'credit_code', 'region_code', 'contact_name', 'contact_phone_enc', 'industry'], enterpriseRows)
  await bulkInsert(db, 'workshops', ['id', 'name', 'type', 'region_code', 'collective_id', 'address', 'lng', 'lat', 'floor_area_m_2', 'daily_capacity', 'worker_places', 'skills', 'status', 'opened_on', 'photos'], workshopRows)
  // Fresh statistics, so the foreign-key checks of the rows below use the primary-key index.
  if (scale.analyze !== false) await db.execute(sql`analyze collectives, enterprises, workshops`)
  log('  generated, inserted collectives, enterprises, workshops')
  await bulkInsert(db, 'workshop_status_history', ['workshop_id', 'status', 'effective_on', 'note'], statusRows)
  log(`  status ${statusRows.length}`)
  await bulkInsert(db, 'workshop_enterprises', ['workshop_id', 'enterprise_id', 'since'], linkRows)
  log(`  ${workshopRows.length} workshops, ${collectiveRows.length} collectives, ${enterpriseRows.length} enterprises`)

  // ---- workers: spread over the non-planned workshops (perHost above)
  // Qingyuan's first seven workshops mostly employ disabled workers (the articles report seven such).
  const disabledHeavy = new Set(hosts.filter((w) => String(w.region_code).startsWith('331126')).slice(0, 7).map((w) => w.id))

  let workerRows: Record<string, unknown>[] = []
  let lowRows: Record<string, unknown>[] = []
  let memberRows: Record<string, unknown>[] = []
  let made = 0
  const seqByKey = new Map<string, number>()
  const flush = async () => {
    await bulkInsert(db, 'workers', ['id', 'name', ...SEALED_WORKER_COLUMNS, 'birth_date', 'sex', 'region_code', 'household', 'disability_grade_enc', 'skills', 'availability', 'baseline_monthly_income_fen', 'baseline_source'], workerRows)
    if (scale.analyze !== false) await db.execute(sql`analyze workers`)
    await bulkInsert(db, 'worker_low_income_periods', ['worker_id', 'start_on', 'end_on'], lowRows)
    await bulkInsert(db, 'workshop_members', ['workshop_id', 'worker_id', 'start_on', 'end_on'], memberRows)
    // A disability grade is held only with the worker's consent on record, given when they joined a workshop
    // (the village's disability liaison witnessed it).
    await db.execute(sql`insert into disability_consents (worker_id, given_on, purpose, witness)
      select w.id, coalesce((select min(m.start_on) from workshop_members m where m.worker_id = w.id), (w.created_at at time zone 'Asia/Shanghai')::date), 'employment-support', '村残协专职委员'
      from workers w where w.disability_grade_enc is not null and not exists (select 1 from disability_consents c where c.worker_id = w.id)`)
    workerRows = []
    lowRows = []
    memberRows = []
  }
  for (let h = 0; h < hosts.length; h++) {
    const ws = hosts[h]!
    const village = String(ws.region_code)
    const heavy = disabledHeavy.has(ws.id as string)
    for (let k = 0; k < perHost[h]!; k++) {
      // Age: many 60+ (the programme's workers), the rest 25–59.
      const old = rnd.chance(0.45)
      const birthYear = old ? rnd.int(1945, 1965) : rnd.int(1967, 2000)
      const birth = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`
      const female = rnd.chance(0.68)
      let idNumber: string
      for (;;) {
        const key = village.slice(0, 6) + birth.replaceAll('-', '')
        const seq = (seqByKey.get(key) ?? rnd.int(0, 400)) + 1
        seqByKey.set(key, seq)
        // 17th digit: odd for men, even for women.
        const s3 = String(Math.floor(seq / 10) % 100).padStart(2, '0') + String(((seq % 5) * 2 + (female ? 0 : 1)) % 10)
        const first17 = key + s3
        idNumber = first17 + idNumberCheckChar(first17)
        if (!usedIds.has(idNumberIndex(vault, idNumber))) break
      }
      usedIds.add(idNumberIndex(vault, idNumber))
      const id = uuidv7()
      const disabled = heavy ? rnd.chance(0.5) : rnd.chance(0.03)
      const low = rnd.chance(0.12)
      const wasLow = !low && rnd.chance(0.03)
      workerRows.push({
        id,
        name: personName(rnd, female),
        birth_date: birth,
        sex: female ? 'F' : 'M',
        // Sealed as they are made: no plain number ever reaches the database (or its WAL).
        ...sealedWorkerColumns(idNumber, rnd.chance(0.85) ? `1${rnd.pick(['3', '5', '7', '8', '9'])}${rnd.int(0, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}` : null),
        region_code: village,
        household: `${rnd.int(1, 15)}组`,
        disability_grade_enc: disabled ? sealGrade(rnd.int(1, 4)) : null,
        skills: (ws.skills as string[]).filter(() => rnd.chance(0.6)),
        availability: { days: rnd.chance(0.7) ? ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] : ['mon', 'tue', 'wed', 'thu', 'fri'], hoursPerDay: rnd.int(3, 8) },
        baseline_monthly_income_fen: (low ? rnd.int(300, 1500) : rnd.int(800, 4000)) * 100,
        baseline_source: rnd.pick(['2023 年收入核查', '村级台账', '本人申报']),
      })
      if (low || wasLow) {
        const start = `${rnd.int(2016, 2023)}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`
        lowRows.push({ worker_id: id, start_on: start, end_on: wasLow ? addDays(start, rnd.int(365, 900)) : null })
      }
      const opened = String(ws.opened_on ?? today)
      const start = addDays(opened, rnd.int(0, scale.joinWithinDays ?? 200))
      const closed = ws.status === 'closed' || ws.status === 'suspended'
      memberRows.push({ workshop_id: ws.id, worker_id: id, start_on: start < today ? start : opened, end_on: closed ? addDays(start < today ? start : opened, rnd.int(60, 300)) : null })
      made++
      if (workerRows.length >= 20_000) {
        await flush()
        log(`  ${made.toLocaleString('en')} workers`)
      }
    }
  }
  await flush()
  log(`  ${made.toLocaleString('en')} workers`)
  return { workshops: workshopRows.length, workers: made, enterprises: enterpriseRows.length, collectives: collectiveRows.length }
}

/** Workers over workshops in proportion to their places (the remainder one each from the first). */
function byPlaces(hosts: Record<string, unknown>[], workers: number): number[] {
  const placesSum = hosts.reduce((a, w) => a + (w.worker_places as number), 0)
  const perHost = hosts.map((w) => Math.floor((workers * (w.worker_places as number)) / placesSum))
  for (let left = workers - perHost.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i = (i + 1) % perHost.length) perHost[i]!++
  return perHost
}

/** Each county's workers over its own workshops by places. */
function byCountyThenPlaces(hosts: Record<string, unknown>[], byCounty: Record<string, number>): number[] {
  const out = hosts.map(() => 0)
  for (const [county, n] of Object.entries(byCounty)) {
    const idx = hosts.flatMap((w, i) => (String(w.region_code).startsWith(county) ? [i] : []))
    if (!idx.length) continue
    byPlaces(idx.map((i) => hosts[i]!), n).forEach((k, j) => (out[idx[j]!] = k))
  }
  return out
}

/** A plausible name, never one of the demo accounts' people (looked up by name elsewhere). */
function personName(rnd: Random, female: boolean): string {
  for (;;) {
    const n = rnd.pick(SURNAMES) + rnd.pick(female ? GIVEN_F : GIVEN_M)
    if (!RESERVED_PEOPLE.has(n)) return n
  }
}
const RESERVED_PEOPLE = new Set(['叶秀英', '吴丽华', '周建国'])

function proportionalTypes(n: number): Record<WorkshopType, number> {
  // Zhejiang's mix, roughly: most are processing workshops.
  const share: Record<WorkshopType, number> = { processing: 0.45, recruitment: 0.09, ecommerce: 0.14, agritourism: 0.17, brand: 0.07, industry: 0.08 }
  const out = Object.fromEntries(WORKSHOP_TYPES.map((t) => [t, Math.floor(n * share[t])])) as Record<WorkshopType, number>
  out.processing += n - WORKSHOP_TYPES.reduce((a, t) => a + out[t], 0)
  return out
}

/**
 * Row triggers (and foreign-key checks) off until the end of the transaction, when the role may do so; false for
 * a PostgreSQL role that is not a superuser (triggers stay on: slower but correct). A savepoint keeps the refusal
 * from aborting the transaction.
 */
export async function triggersOffLocally(tx: Db): Promise<boolean> {
  try {
    await tx.transaction(async (sp) => void (await sp.execute(sql`set local session_replication_role = replica`)))
    return true
  } catch {
    return false
  }
}

/**
 * Bulk load with row triggers off when the role may do so (the cockpit's per-row roll-up triggers
 * cost ~10 ms a row on PGlite), then the cockpit's own set-based rebuild of its roll-ups.
 */
export async function withBulkLoad<T>(db: Db, work: (tx: Db) => Promise<T>, opts: { rebuild?: boolean } = {}): Promise<T> {
  return db.transaction(async (tx) => {
    const off = await triggersOffLocally(tx as unknown as Db)
    const out = await work(tx as unknown as Db)
    if (off && opts.rebuild !== false) {
      await tx.execute(sql`set local session_replication_role = origin`)
      const [fn] = await queryRows<{ ok: boolean }>(tx, sql`select to_regproc('cockpit_rebuild') is not null as ok`)
      if (fn?.ok) await tx.execute(sql`select cockpit_rebuild()`)
    }
    return out
  })
}

/** The demo step (first in server/src/demo/extra.ts): Lishui city. */
export async function seedRegistry(db: Db): Promise<void> {
  await withBulkLoad(db, async (tx) => {
    await generateRegistry(tx, LISHUI_REGISTRY)
  })
}
