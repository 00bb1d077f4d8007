import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client.ts'
import { criteriaFor, saveRating } from '../modules/ratings/service.ts'
import { Random } from './random.ts'
import { activeVault, sealExpertPhone } from '../vault/index.ts'
import { addDays, today as chinaToday } from '@gongfang/shared/clock'


const TOPICS: [topic: string, skill: string, trainer: string][] = [
  ['香菇分级与包装', 'sorting', '吴建平（县食用菌站）'],
  ['电商直播带货入门', 'livestream', '刘敏（丽水市电商协会）'],
  ['竹编工艺提升', 'bamboo_weaving', '季水根（非遗传承人）'],
  ['来料加工质量控制', 'assembly', '周建国（庆元县香菇食品有限公司）'],
  ['缝纫与服装加工', 'sewing', '陈秀兰（县妇联）'],
  ['农家乐服务规范', 'hospitality', '叶晓峰（县文旅局）'],
]

const EXPERTS: { name: string; title: string; region: string; skills: string[]; availability: string; bio: string }[] =
  [
    {
      name: '吴建平',
      title: '高级农艺师',
      region: '331126',
      skills: ['mushroom', 'drying', 'sorting'],
      availability: 'available',
      bio: '庆元县食用菌站，从事香菇栽培与烘干技术推广 20 年。',
    },
    {
      name: '刘敏',
      title: '电商讲师',
      region: '3311',
      skills: ['livestream', 'ecommerce'],
      availability: 'busy',
      bio: '丽水市电商协会，培训直播工坊主播 300 余人。',
    },
    {
      name: '季水根',
      title: '竹编非遗传承人',
      region: '331181',
      skills: ['bamboo_weaving'],
      availability: 'available',
      bio: '龙泉竹编技艺传承人，带徒 60 余名。',
    },
    {
      name: '陈秀兰',
      title: '服装工艺师',
      region: '33',
      skills: ['sewing', 'quality'],
      availability: 'available',
      bio: '省级巧手培训师，擅长来料加工流水线与质检。',
    },
    {
      name: '周立新',
      title: '机电工程师',
      region: '331126',
      skills: ['machinery', 'assembly'],
      availability: 'unavailable',
      bio: '设备维护与小型生产线改造。',
    },
  ]

/**
 * Demo data of the programme's instruments: training sessions with enrolment and attendance in Qingyuan
 * and Longquan (skills added to the workers' records), ratings of their workshops computed from the demo
 * records, a demonstration nomination (one approved), improvement plans, policy targets and the talent pool.
 * Uses whatever workshops and workers the registry's demo created; a handful of set-based inserts.
 */
export async function seedProgramme(db: Db): Promise<void> {
  const rnd = new Random(20261108)
  const today = chinaToday()
  const year = Number(today.slice(0, 4))
  const users = Object.fromEntries(
    (
      await queryRows<{ username: string; id: string }>(
        db,
        sql`select username, id from users where username in ('qingyuan', 'lishui', 'longquan', 'zhejiang')`,
      )
    ).map((u) => [u.username, u.id]),
  )

  // ---- training: per township with workers, two past sessions and one upcoming
  const towns = await queryRows<{ code: string; name: string }>(
    db,
    sql`select t.code, t.name from regions t
        where t.level = 4 and (t.code like '331126%' or t.code like '331181%')
          and exists (select 1 from workers w where w.region_code like t.code || '%')
        order by t.code limit 12`,
  )
  const sessions: { id: string; town: string; date: string; skill: string; capacity: number }[] = []
  for (const [i, town] of towns.entries()) {
    for (let k = 0; k < 3; k++) {
      const [topic, skill, trainer] = TOPICS[(i + k) % TOPICS.length]!
      const date = k < 2 ? addDays(today, -rnd.int(10, 200)) : addDays(today, rnd.int(5, 40))
      const capacity = rnd.pick([20, 30, 40, 50])
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`insert into training_sessions (region_code, topic, skill, trainer, place, session_date, capacity, created_by)
            values (${town.code}, ${topic}, ${skill}, ${trainer}, ${town.name + rnd.pick(['文化礼堂', '成人学校', '共富工坊培训室'])}, ${date}, ${capacity},
              ${town.code.startsWith('331126') ? users.qingyuan : users.longquan}) returning id`,
      )
      sessions.push({ id: row!.id, town: town.code, date, skill, capacity })
    }
  }
  if (sessions.length) {
    // Enrol up to capacity from the township's workers (deterministic order by hash), attend 85 % of past sessions' enrolees.
    await db.execute(sql`insert into training_enrolments (session_id, worker_id, region_code, enrolled_by, enrolled_at)
      select s.id, w.id, w.region_code, s.created_by, s.session_date::timestamptz - interval '7 days'
      from training_sessions s
      cross join lateral (
        select w.id, w.region_code from workers w where w.region_code like s.region_code || '%'
        order by abs(hashtext(w.id::text || s.id::text)) limit greatest(1, (s.capacity * 3) / 4)) w`)
    await db.execute(sql`insert into training_attendances (worker_id, session_id, region_code, attended_on)
      select e.worker_id, s.id, e.region_code, s.session_date
      from training_enrolments e join training_sessions s on s.id = e.session_id
      where s.session_date <= ${today}::date and abs(hashtext(e.worker_id::text || 'att')) % 100 < 85`)
    await db.execute(sql`insert into worker_skills (worker_id, skill, acquired_on, source, session_id)
      select a.worker_id, s.skill, a.attended_on, 'training', s.id
      from training_attendances a join training_sessions s on s.id = a.session_id`)
    await db.execute(sql`update workers w set skills = w.skills || array(
        select distinct ws.skill from worker_skills ws where ws.worker_id = w.id and not (ws.skill = any(w.skills)))
      where exists (select 1 from worker_skills ws where ws.worker_id = w.id and not (ws.skill = any(w.skills)))`)
  }

  // ---- ratings of the year so far for Qingyuan's and Longquan's operating workshops, computed from the records
  const workshops = await queryRows<{ id: string; region_code: string; name: string }>(
    db,
    sql`select id, region_code, name from workshops where status = 'operating' and (region_code like '331126%' or region_code like '331181%')
        order by region_code, name limit 60`,
  )
  const rated: { id: string; region_code: string; stars: number; score: number }[] = []
  for (const ws of workshops) {
    const set = await criteriaFor(db, ws.region_code.slice(0, 6))
    const manual = new Map(
      set.criteria
        .filter((d) => d.kind === 'manual')
        .map((d) => [
          d.key,
          {
            score: rnd.int(55, 98),
            note: rnd.pick([
              '台账齐全，制度上墙',
              '带动低收入农户明显',
              '场地整洁，安全措施到位',
              '管理尚需规范',
              '村民评价好',
            ]),
          },
        ]),
    )
    const ratedBy = ws.region_code.startsWith('331126') ? users.qingyuan! : users.longquan!
    const id = await saveRating(db, null, {
      ws: { id: ws.id, regionCode: ws.region_code },
      year,
      criteria: set.criteria,
      manual,
      note: null,
      userId: ratedBy,
    })
    const [r] = await queryRows<{ stars: number; score: number }>(
      db,
      sql`select stars, score from workshop_ratings where id = ${id}`,
    )
    rated.push({ id: ws.id, region_code: ws.region_code, stars: Number(r!.stars), score: Number(r!.score) })
  }
  rated.sort((a, b) => b.score - a.score)
  // Demonstration: the best two of each county that reach four stars; Lishui approves the first of Qingyuan.
  for (const county of ['331126', '331181']) {
    const best = rated.filter((r) => r.region_code.startsWith(county) && r.stars >= 4).slice(0, 2)
    for (const [i, r] of best.entries()) {
      const approved = county === '331126' && i === 0
      await db.execute(sql`insert into demonstration_nominations (workshop_id, region_code, year, reason, status, nominated_by, decided_by, decided_at, decision_note)
        values (${r.id}, ${r.region_code}, ${year}, ${'评星 ' + r.stars + ' 星，带动就业和低收入农户增收成效明显'}, ${approved ? 'approved' : 'nominated'},
          ${county === '331126' ? users.qingyuan : users.longquan}, ${approved ? users.lishui : null}, ${approved ? sql`now()` : null}, ${approved ? '同意列为市级示范工坊' : null})`)
    }
  }
  // Workshops to improve: the lowest-rated (at most two stars, else the bottom two) get a plan and follow-ups.
  const low = rated.filter((r) => r.stars <= 2)
  for (const r of (low.length ? low : rated.slice(-2)).slice(0, 4)) {
    const [p] = await queryRows<{ id: string }>(
      db,
      sql`insert into improvement_plans (workshop_id, region_code, year, reason, plan, created_by)
          values (${r.id}, ${r.region_code}, ${year}, ${`评星 ${r.stars} 星（${r.score} 分），开工不足、次品率偏高`},
            '1. 对接县级龙头企业补充订单；2. 组织质检培训；3. 每月回访一次，三个月后复评', ${users.qingyuan}) returning id`,
    )
    await db.execute(sql`insert into improvement_follow_ups (plan_id, due_on, done_on, result) values
      (${p!.id}, ${addDays(today, -45)}, ${addDays(today, -44)}, '已对接订单一批，次品率下降'),
      (${p!.id}, ${addDays(today, -10)}, null, null),
      (${p!.id}, ${addDays(today, 20)}, null, null)`)
  }

  // ---- targets: 10,000 workshops province-wide in three years; every township of the 26 mountain counties
  await db.execute(sql`insert into targets (region_code, year, figure, value, note, created_by) values
    ('33', ${year}, 'operating_workshops', 10000, '三年建成共富工坊一万家', ${users.zhejiang}),
    ('33', ${year}, 'mountain_township_coverage_pct', 100, '山区26县乡镇全覆盖', ${users.zhejiang}),
    ('33', ${year}, 'low_income_employed', 49000, '吸纳低收入农户就业', ${users.zhejiang}),
    ('3311', ${year}, 'operating_workshops', 1000, '丽水市工坊数', ${users.lishui}),
    ('3311', ${year}, 'trained_workers', 5000, '技能培训人数', ${users.lishui}),
    ('331126', ${year}, 'workers_employed', 1600, '庆元县带动就业', ${users.qingyuan}),
    ('331126', ${year}, 'township_coverage_pct', 100, '乡镇全覆盖', ${users.qingyuan}),
    ('331181', ${year}, 'operating_workshops', 60, null, ${users.longquan})
    on conflict do nothing`)

  // ---- talent pool: experts and problems posted by workshops (open, accepted, resolved)
  const expertIds: Record<string, string> = {}
  for (const e of EXPERTS) {
    const sealed = sealExpertPhone(activeVault(), '1385780' + String(rnd.int(1000, 9999)))
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into experts (name, title, phone_enc, phone_bidx, region_code, skills, availability, bio, created_by)
          values (${e.name}, ${e.title}, ${sealed.phoneEnc}, ${sealed.phoneBidx}, ${e.region}, ${sql`array[${sql.join(
            e.skills.map((s) => sql`${s}`),
            sql`, `,
          )}]::text[]`},
            ${e.availability}, ${e.bio}, ${users.lishui}) returning id`,
    )
    expertIds[e.name] = row!.id
  }
  const qyWorkshops = workshops.filter((w) => w.region_code.startsWith('331126'))
  const problems: [
    title: string,
    description: string,
    skill: string,
    status: string,
    expert: string | null,
    outcome: string | null,
  ][] = [
    [
      '香菇烘干后表面发黑',
      '第二批烘干后约 5% 表面发黑，企业拒收，请专家指导烘干温度曲线。',
      'drying',
      'resolved',
      '吴建平',
      '烘干温度降至 55℃，分段排湿，复检合格，拒收率降至 0.5%。',
    ],
    ['直播间画面偏暗、转化低', '新开直播间灯光和话术都不熟，请电商老师指导。', 'livestream', 'accepted', '刘敏', null],
    ['分拣台传送带经常卡顿', '传送带运行两小时后卡顿，影响产量。', 'machinery', 'open', null, null],
    ['缝纫线迹不齐', '新学员缝纫线迹不齐，返工多。', 'sewing', 'open', null, null],
  ]
  for (const [i, [title, description, skill, status, expert, outcome]] of problems.entries()) {
    const w = qyWorkshops[i % Math.max(1, qyWorkshops.length)] ?? workshops[0]
    if (!w) break
    const posted = addDays(today, -30 + i * 5)
    await db.execute(sql`insert into tech_problems (workshop_id, region_code, title, description, skill, status, posted_at, expert_id, accepted_by, accepted_at, outcome, closed_at)
      values (${w.id}, ${w.region_code}, ${title}, ${description}, ${skill}, ${status}, ${posted}::timestamptz,
        ${expert ? expertIds[expert] : null}, ${expert ? users.qingyuan : null}, ${expert ? sql`${addDays(posted, 1)}::timestamptz` : null},
        ${outcome}, ${status === 'resolved' ? sql`${addDays(posted, 6)}::timestamptz` : null})`)
  }
}
