import { beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()
let workshopId: string

beforeAll(async () => {
  const db = t.database.db
  // An expert's own login: same password as the demo accounts; role worker without a worker record (sees no rows by scope).
  await db.execute(sql`insert into users (username, password_hash, display_name, role, region_code)
    select 'expert-wang', password_hash, '测试专家王（食用菌专家）', 'worker', '331126' from users where username = 'worker'`)
  const [w] = await queryRows<{ id: string }>(
    db,
    sql`select w.id from workshops w join users u on u.id = w.operator_user_id where u.username = 'operator' limit 1`,
  )
  workshopId = w!.id
})

test('experts: registered by staff, visible to the area they serve, phones masked for non-staff', async () => {
  const bad = await t.api('POST', '/api/experts', {
    as: 'qingyuan',
    body: { name: '测试专家王', regionCode: '331126', skills: [] },
  })
  expect(bad.status).toBe(422)
  const noUser = await t.api('POST', '/api/experts', {
    as: 'qingyuan',
    body: { name: '测试专家王', regionCode: '331126', skills: ['mushroom'], username: 'nobody' },
  })
  expect(noUser.status).toBe(422)
  const wang = await t.api('POST', '/api/experts', {
    as: 'qingyuan',
    body: {
      name: '测试专家王',
      title: '高级农艺师',
      phone: '13857800001',
      regionCode: '331126',
      skills: ['mushroom', 'drying'],
      username: 'expert-wang',
    },
  })
  expect(wang.status).toBe(201)
  expect(wang.body).toMatchObject({ hasLogin: true, availability: 'available', phone: '13857800001' })
  expect(
    (await t.api('POST', '/api/experts', { as: 'qingyuan', body: { name: 'x', regionCode: '331181', skills: ['a1'] } }))
      .status,
  ).toBe(404)
  const city = await t.api('POST', '/api/experts', {
    as: 'lishui',
    body: { name: '测试专家刘', regionCode: '3311', skills: ['ecommerce'], availability: 'busy' },
  })
  expect(city.status).toBe(201)

  // Longquan sees the city's expert (serves all of Lishui) but not Qingyuan's.
  const lq = await t.api('GET', '/api/experts', { as: 'longquan' })
  const lqNames = lq.body.items.map((e: { name: string; regionCode: string }) => e.name)
  expect(lqNames).toContain('测试专家刘')
  expect(lqNames).not.toContain('测试专家王')
  // Everything Longquan sees is based in Longquan or above it.
  expect(lq.body.items.every((e: { regionCode: string }) => '331181'.startsWith(e.regionCode) || e.regionCode.startsWith('331181'))).toBe(true)
  // The operator in Qingyuan sees both, with the phone masked; filter by skill.
  const op = await t.api('GET', '/api/experts?skill=mushroom', { as: 'operator' })
  expect(op.body.items.every((e: { skills: string[] }) => e.skills.includes('mushroom'))).toBe(true)
  const wangForOp = op.body.items.find((e: { name: string }) => e.name === '测试专家王')
  expect(wangForOp.phone).not.toBe('13857800001')
  expect(wangForOp.phone).toMatch(/\*/)
  expect((await t.api('GET', `/api/experts/${wang.body.id}`, { as: 'longquan' })).status).toBe(404)
  // The expert updates their own availability; another county's staff may not.
  expect(
    (await t.api('PATCH', `/api/experts/${wang.body.id}`, { as: 'longquan', body: { availability: 'busy' } })).status,
  ).toBe(404)
  const busy = await t.api('PATCH', `/api/experts/${wang.body.id}`, {
    as: 'expert-wang',
    body: { availability: 'busy' },
  })
  expect(busy.body.availability).toBe('busy')
})

test('a workshop posts a problem, the expert accepts it, the outcome is recorded', async () => {
  const [wang] = await queryRows<{ id: string }>(t.database.db, sql`select id from experts where name = '测试专家王'`)
  const posted = await t.api('POST', '/api/tech-problems', {
    as: 'operator',
    body: { workshopId, title: '香菇烘干后发黑', description: '第二批烘干后表面发黑，客户拒收 5%', skill: 'drying' },
  })
  expect(posted.status).toBe(201)
  expect(posted.body).toMatchObject({ status: 'open', expertId: null, workshopName: '东门村香菇分拣共富工坊' })
  const id = posted.body.id
  expect((await t.api('GET', `/api/tech-problems/${id}`, { as: 'longquan' })).status).toBe(404)
  expect(
    (await t.api('POST', '/api/tech-problems', { as: 'longquan', body: { workshopId, title: 'x', description: 'y' } }))
      .status,
  ).toBe(404)

  // The expert sees the open problem of their area and accepts it for themself.
  const open = await t.api('GET', '/api/tech-problems?status=open', { as: 'expert-wang' })
  expect(open.body.items.map((p: { id: string }) => p.id)).toContain(id)
  expect((await t.api('POST', `/api/tech-problems/${id}/accept`, { as: 'operator', body: {} })).status).toBe(403)
  const acc = await t.api('POST', `/api/tech-problems/${id}/accept`, { as: 'expert-wang', body: {} })
  expect(acc.status).toBe(200)
  expect(acc.body).toMatchObject({ status: 'accepted', expertId: wang!.id, expertName: '测试专家王' })
  expect(
    (await t.api('POST', `/api/tech-problems/${id}/accept`, { as: 'qingyuan', body: { expertId: wang!.id } })).status,
  ).toBe(409)
  const mine = await t.api('GET', '/api/tech-problems?mine=true', { as: 'expert-wang' })
  expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([id])

  expect(await t.status('POST', `/api/tech-problems/${id}/outcome`, { as: 'operator', body: { resolved: true, outcome: 'x' } })).toBe(403)
  const out = await t.api('POST', `/api/tech-problems/${id}/outcome`, {
    as: 'expert-wang',
    body: { resolved: true, outcome: '烘干温度降至 55℃，分段排湿，复检合格' },
  })
  expect(out.status).toBe(200)
  expect(out.body).toMatchObject({ status: 'resolved', outcome: '烘干温度降至 55℃，分段排湿，复检合格' })
  expect(out.body.closedAt).not.toBeNull()
  expect(await t.status('POST', `/api/tech-problems/${id}/outcome`, { as: 'expert-wang', body: { resolved: false, outcome: 'x' } })).toBe(409)
  const ex = await t.api('GET', `/api/experts/${wang!.id}`, { as: 'qingyuan' })
  expect(ex.body.resolvedProblems).toBe(1)
  const audits = await queryRows<{ action: string }>(
    t.database.db,
    sql`select action from audit_log where target_id = ${id} order by id`,
  )
  expect(audits.map((a) => a.action)).toEqual(['tech-problem.post', 'tech-problem.accept', 'tech-problem.outcome'])
})

test('staff assign an expert; an unavailable expert cannot be assigned', async () => {
  const p = await t.api('POST', '/api/tech-problems', {
    as: 'qingyuan',
    body: { workshopId, title: '直播间灯光', description: '直播画面偏暗' },
  })
  const [liu] = await queryRows<{ id: string }>(t.database.db, sql`select id from experts where name = '测试专家刘'`)
  expect((await t.api('POST', `/api/tech-problems/${p.body.id}/accept`, { as: 'qingyuan', body: {} })).status).toBe(422)
  await t.api('PATCH', `/api/experts/${liu!.id}`, { as: 'lishui', body: { availability: 'unavailable' } })
  expect(
    (await t.api('POST', `/api/tech-problems/${p.body.id}/accept`, { as: 'qingyuan', body: { expertId: liu!.id } }))
      .status,
  ).toBe(409)
  await t.api('PATCH', `/api/experts/${liu!.id}`, { as: 'lishui', body: { availability: 'available' } })
  const acc = await t.api('POST', `/api/tech-problems/${p.body.id}/accept`, {
    as: 'qingyuan',
    body: { expertId: liu!.id },
  })
  expect(acc.body).toMatchObject({ status: 'accepted', expertName: '测试专家刘' })
  const un = await t.api('POST', `/api/tech-problems/${p.body.id}/outcome`, {
    as: 'qingyuan',
    body: { resolved: false, outcome: '需更换设备，已转企业采购' },
  })
  expect(un.body.status).toBe('unresolved')
  const list = await t.api('GET', '/api/tech-problems?pageSize=1', { as: 'qingyuan' })
  expect(list.body.items).toHaveLength(1)
  expect(list.body.total).toBeGreaterThanOrEqual(2)
  expect((await t.api('GET', '/api/tech-problems', { as: 'longquan' })).body.total).toBe(0)
})
