import { beforeAll, describe, expect, test } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { auditLog, enterprises, workshopEnterprises, workshops } from '../../db/schema/index.ts'
import { today as chinaToday } from '@gongfang/shared/clock'

const t = useTestApp()
let neighbours: string[] // two other villages of 松源街道
let otherCounty: string
let enterpriseId: string
const today = chinaToday()

beforeAll(async () => {
  const db = t.database.db
  const rows = (q: ReturnType<typeof sql>) => db.execute(q).then((r) => (r as unknown as { rows: { code: string }[] }).rows.map((x) => x.code))
  neighbours = await rows(sql`select code from regions where level = 5 and code like '331126001%' and code <> '331126001200' order by code limit 2`)
  otherCounty = (await rows(sql`select code from regions where level = 5 and code like '331181%' order by code limit 1`))[0]!
  enterpriseId = (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.name, '庆元县香菇食品有限公司')))[0]!.id
})

describe('我在浙丽有个村: opportunities, applications, stages, signing', () => {
  let oppId: string
  let appId: string

  test('the collective publishes an opportunity for its village with bundled neighbours', async () => {
    const res = await t.api('POST', '/api/partner-opportunities', {
      as: 'collective',
      body: {
        title: '东门村闲置小学校舍招商',
        kind: 'idle_building',
        description: '原东门小学两层校舍，水电齐全，可做来料加工或直播基地。',
        areaM2: 1200,
        annualRentFen: 8_000_000,
        laborAvailable: 60,
        bundledRegionCodes: neighbours,
        contactName: '吴书记',
        contactPhone: '13800000000',
      },
    })
    expect(res.status).toBe(201)
    oppId = res.body.id
    expect(res.body).toMatchObject({ regionCode: '331126001200', collectiveName: '东门村股份经济合作社', status: 'open', applications: 0, areaM2: 1200, annualRentFen: 8_000_000 })
    expect(res.body.bundledRegions.map((r: { code: string }) => r.code)).toEqual(neighbours)
    expect(res.body.bundledRegions.every((r: { name: string | null }) => typeof r.name === 'string')).toBe(true)
  })

  test('publishing rules: bundled villages in the same county; staff only in scope; operators and enterprises may not', async () => {
    const base = { title: '测试项目', kind: 'land', description: '五十亩流转土地' }
    const far = await t.api('POST', '/api/partner-opportunities', { as: 'collective', body: { ...base, bundledRegionCodes: [otherCounty] } })
    expect(far.status).toBe(422)
    expect(far.body.errors[0].path).toBe('bundledRegionCodes.0')
    expect((await t.api('POST', '/api/partner-opportunities', { as: 'qingyuan', body: { ...base, regionCode: otherCounty } })).status).toBe(404)
    expect((await t.api('POST', '/api/partner-opportunities', { as: 'qingyuan', body: base })).status).toBe(422)
    expect((await t.api('POST', '/api/partner-opportunities', { as: 'enterprise', body: { ...base, regionCode: '331126001200' } })).status).toBe(403)
    expect((await t.api('POST', '/api/partner-opportunities', { as: 'operator', body: { ...base, regionCode: '331126001200' } })).status).toBe(403)
    const township = await t.api('POST', '/api/partner-opportunities', { as: 'township', body: { ...base, kind: 'bundle', regionCode: '331126001' } })
    expect(township.status).toBe(201)
  })

  test('any enterprise browses open opportunities programme-wide; other counties\u2019 staff do not see them', async () => {
    const en = await t.api('GET', '/api/partner-opportunities?status=open&q=校舍&pageSize=200', { as: 'enterprise' })
    expect(en.body.items.map((o: { id: string }) => o.id)).toContain(oppId)
    expect(en.body.items.every((o: { status: string; title: string; description: string }) => o.status === 'open' && `${o.title}${o.description}`.includes('校舍'))).toBe(true)
    expect((await t.api('GET', `/api/partner-opportunities/${oppId}`, { as: 'enterprise' })).status).toBe(200)
    expect((await t.api('GET', `/api/partner-opportunities/${oppId}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('GET', `/api/partner-opportunities/${oppId}`, { as: 'operator' })).status).toBe(404)
    expect((await t.api('GET', '/api/partner-opportunities', { as: 'longquan' })).body.items.map((o: { id: string }) => o.id)).not.toContain(oppId)
  })

  test('the enterprise applies once; a second application is a 409', async () => {
    const res = await t.api('POST', `/api/partner-opportunities/${oppId}/applications`, {
      as: 'enterprise',
      body: { proposal: '设香菇分拣与直播车间，优先招收本村低收入农户。', plannedJobs: 45, plannedInvestmentFen: 50_000_000 },
    })
    expect(res.status).toBe(201)
    appId = res.body.id
    expect(res.body).toMatchObject({ stage: 'applied', enterpriseId, regionCode: '331126001200', opportunityTitle: '东门村闲置小学校舍招商', plannedJobs: 45 })
    expect(res.body.events).toHaveLength(1)
    expect((await t.api('POST', `/api/partner-opportunities/${oppId}/applications`, { as: 'enterprise', body: { proposal: '再来一次' } })).status).toBe(409)
    const opp = await t.api('GET', `/api/partner-opportunities/${oppId}`, { as: 'enterprise' })
    expect(opp.body).toMatchObject({ applications: 1, myApplicationId: appId })
  })

  test('staff follow the application through its stages with dated notes; rules hold', async () => {
    const step = (as: string, body: Record<string, unknown>) => t.api('POST', `/api/partner-applications/${appId}/events`, { as, body: { eventDate: today, ...body } })
    expect((await step('enterprise', { toStage: 'contacted' })).status).toBe(403)
    expect((await step('longquan', { toStage: 'contacted' })).status).toBe(404)
    expect((await step('qingyuan', { toStage: 'contacted', note: '电话联系周总，约定下周看点' })).status).toBe(200)
    expect((await step('qingyuan', { toStage: 'applied' })).status).toBe(409)
    expect((await step('qingyuan', { toStage: 'site_visit', eventDate: '2999-01-01' })).status).toBe(422)
    expect((await step('collective', { note: '村里已腾空校舍' })).status).toBe(200)
    expect((await step('collective', { toStage: 'site_visit' })).status).toBe(403)
    expect((await step('township', { toStage: 'site_visit', note: '实地踏勘' })).status).toBe(200)
    expect((await step('qingyuan', { toStage: 'negotiating' })).status).toBe(200)
    const noSign = await step('qingyuan', { toStage: 'signed' })
    expect(noSign.status).toBe(422)
    expect(noSign.body.errors.map((e: { path: string }) => e.path)).toContain('json.sign')
    const outside = await step('qingyuan', { toStage: 'signed', sign: { newWorkshop: { name: '外村工坊', type: 'processing', regionCode: '331126002200' } } })
    expect(outside.status).toBe(422)
    const list = await t.api('GET', '/api/partner-applications?stage=negotiating', { as: 'qingyuan' })
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(appId)
    expect(list.body.byStage.negotiating).toBeGreaterThanOrEqual(1)
  })

  test('signing creates the workshop in a bundled village and links the enterprise to it', async () => {
    const res = await t.api('POST', `/api/partner-applications/${appId}/events`, {
      as: 'qingyuan',
      body: { toStage: 'signed', eventDate: today, note: '签约', sign: { newWorkshop: { name: '东门联村香菇直播共富工坊', type: 'ecommerce', regionCode: neighbours[0] } } },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ stage: 'signed', signedOn: today, workshopName: '东门联村香菇直播共富工坊' })
    expect(res.body.events.map((e: { toStage: string }) => e.toStage)).toEqual(['applied', 'contacted', 'contacted', 'site_visit', 'negotiating', 'signed'])
    expect(res.body.events[2]).toMatchObject({ fromStage: null, note: '村里已腾空校舍' })
    const [w] = await t.database.db.select().from(workshops).where(eq(workshops.id, res.body.workshopId))
    expect(w).toMatchObject({ regionCode: neighbours[0], status: 'planned', type: 'ecommerce' })
    const link = await t.database.db.select().from(workshopEnterprises).where(and(eq(workshopEnterprises.workshopId, w!.id), eq(workshopEnterprises.enterpriseId, enterpriseId)))
    expect(link).toHaveLength(1)
    expect(link[0]!.since).toBe(today)
    const audits = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, w!.id))
    expect(audits.map((a) => a.action)).toContain('workshop.create')
    // final: nothing moves any more, not even a withdrawal
    expect((await t.api('POST', `/api/partner-applications/${appId}/events`, { as: 'enterprise', body: { toStage: 'withdrawn', eventDate: today } })).status).toBe(409)
    const mine = await t.api('GET', `/api/partner-applications/${appId}`, { as: 'enterprise' })
    expect(mine.body.stage).toBe('signed')
  })

  test('signing with an existing workshop links it; closing hides the opportunity from enterprises that did not apply', async () => {
    const opp = await t.api('POST', '/api/partner-opportunities', { as: 'collective', body: { title: '香菇基地扩建', kind: 'resource', description: '现有工坊扩产' } })
    const app = await t.api('POST', `/api/partner-opportunities/${opp.body.id}/applications`, { as: 'qingyuan', body: { proposal: '代企业登记', enterpriseId } })
    expect(app.status).toBe(201)
    const existing = (await t.database.db.select({ id: workshops.id }).from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊')))[0]!.id
    const signed = await t.api('POST', `/api/partner-applications/${app.body.id}/events`, { as: 'qingyuan', body: { toStage: 'signed', eventDate: today, sign: { workshopId: existing } } })
    expect(signed.status).toBe(200)
    expect(signed.body.workshopId).toBe(existing)
    // A third opportunity, closed before anyone applied.
    const closedOpp = await t.api('POST', '/api/partner-opportunities', { as: 'collective', body: { title: '待关闭项目', kind: 'land', description: '测试' } })
    expect((await t.api('PATCH', `/api/partner-opportunities/${closedOpp.body.id}`, { as: 'enterprise', body: { status: 'closed' } })).status).toBe(403)
    expect((await t.api('PATCH', `/api/partner-opportunities/${closedOpp.body.id}`, { as: 'collective', body: { status: 'closed' } })).status).toBe(200)
    expect((await t.api('GET', `/api/partner-opportunities/${closedOpp.body.id}`, { as: 'enterprise' })).status).toBe(404)
    expect((await t.api('POST', `/api/partner-opportunities/${closedOpp.body.id}/applications`, { as: 'qingyuan', body: { proposal: '测试申请', enterpriseId } })).status).toBe(409)
    // the enterprise still sees the one it applied to, and only its own applications
    const apps = await t.api('GET', '/api/partner-applications', { as: 'enterprise' })
    expect(apps.body.items.every((a: { enterpriseId: string }) => a.enterpriseId === enterpriseId)).toBe(true)
    const lq = await t.api('GET', '/api/partner-applications?pageSize=200', { as: 'longquan' })
    expect(lq.body.items.every((a: { regionCode: string }) => a.regionCode.startsWith('331181'))).toBe(true)
  })
})
