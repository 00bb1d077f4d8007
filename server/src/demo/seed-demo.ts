import { count } from 'drizzle-orm'
import { idNumberCheckChar, creditCodeCheckChar } from '@gongfang/shared'
import type { Db } from '../db/client.ts'
import { collectives, enterprises, users, workers, workshopEnterprises, workshopMembers, workshops, workerLowIncomePeriods } from '../db/schema/index.ts'
import { hashPassword } from '../auth/password.ts'
import { FIELDS, activeVault, sealContactPhone, sealWorkerPersonal } from '../vault/index.ts'

export const DEMO_PASSWORD = 'gongfang-demo'

/** The demo accounts: names are stable, tests and issues rely on them. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', role: 'admin', displayName: '系统管理员', regionCode: null },
  { username: 'zhejiang', role: 'staff', displayName: '浙江省工作专班', regionCode: '33' },
  { username: 'lishui', role: 'staff', displayName: '丽水市工作专班', regionCode: '3311' },
  { username: 'qingyuan', role: 'staff', displayName: '庆元县工作专班', regionCode: '331126' },
  { username: 'longquan', role: 'staff', displayName: '龙泉市工作专班', regionCode: '331181' },
  { username: 'township', role: 'staff', displayName: '松源街道工作人员', regionCode: '331126001' },
  { username: 'collective', role: 'collective', displayName: '东门村股份经济合作社', regionCode: '331126001200' },
  { username: 'operator', role: 'operator', displayName: '吴丽华（工坊负责人）', regionCode: '331126001200' },
  { username: 'enterprise', role: 'enterprise', displayName: '庆元县香菇食品有限公司', regionCode: '331126001' },
  { username: 'worker', role: 'worker', displayName: '叶秀英', regionCode: '331126001200' },
] as const

export const DEMO_VILLAGE = '331126001200' // 东门村委会, 松源街道, 庆元县

export function demoIdNumber(prefix6: string, birth: string, seq: number): string {
  const first17 = `${prefix6}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`
  return first17 + idNumberCheckChar(first17)
}

export function demoCreditCode(seq: number, regionCode: string): string {
  const first17 = `91${regionCode.slice(0, 6)}MA${String(seq).padStart(7, '0')}`.slice(0, 17)
  return first17 + creditCodeCheckChar(first17)!
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users)
  return (row?.n ?? 0) === 0
}

/** Deterministic demo: the ten accounts and the Qingyuan records they are bound to. */
export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.transaction(async (tx) => {
    const [collective] = await tx
      .insert(collectives)
      .values({ name: '东门村股份经济合作社', kind: 'collective', regionCode: DEMO_VILLAGE, creditCode: demoCreditCode(1, '331126').replace(/^91/, 'N2') })
      .returning()
    const [enterprise] = await tx
      .insert(enterprises)
      .values({
        name: '庆元县香菇食品有限公司',
        creditCode: demoCreditCode(2, '331126'),
        regionCode: '331126001',
        contactName: '周建国',
        contactPhoneEnc: sealContactPhone(activeVault(), FIELDS.enterpriseContactPhone, '13857801234'),
        industry: '食用菌加工',
      })
      .returning()
    const [worker] = await tx
      .insert(workers)
      .values({
        name: '叶秀英',
        ...sealWorkerPersonal(activeVault(), { idNumber: demoIdNumber('331126', '1962-03-14', 128), phone: '13905781234', disabilityGrade: null }),
        birthDate: '1962-03-14',
        sex: 'F',
        regionCode: DEMO_VILLAGE,
        household: '东门村3组',
        skills: ['sorting', 'packing'],
        availability: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], hoursPerDay: 6 },
        baselineMonthlyIncomeFen: 120000,
        baselineSource: '2023 年低收入农户收入核查',
      })
      .returning()
    await tx.insert(workerLowIncomePeriods).values({ workerId: worker!.id, startOn: '2021-01-01' })

    const ids: Record<string, string> = {}
    for (const a of DEMO_ACCOUNTS) {
      const [u] = await tx
        .insert(users)
        .values({
          username: a.username,
          passwordHash,
          displayName: a.displayName,
          role: a.role,
          regionCode: a.regionCode,
          enterpriseId: a.role === 'enterprise' ? enterprise!.id : null,
          collectiveId: a.role === 'collective' ? collective!.id : null,
          workerId: a.role === 'worker' ? worker!.id : null,
        })
        .returning({ id: users.id })
      ids[a.username] = u!.id
    }
    const [workshop] = await tx
      .insert(workshops)
      .values({
        name: '东门村香菇分拣共富工坊',
        type: 'processing',
        regionCode: DEMO_VILLAGE,
        collectiveId: collective!.id,
        operatorUserId: ids.operator,
        address: '庆元县松源街道东门村文化礼堂旁',
        lng: 119.0626,
        lat: 27.6185,
        floorAreaM2: 320,
        dailyCapacity: 4000,
        workerPlaces: 40,
        skills: ['sorting', 'packing'],
        status: 'operating',
        openedOn: '2022-05-01',
      })
      .returning()
    await tx.insert(workshopEnterprises).values({ workshopId: workshop!.id, enterpriseId: enterprise!.id, since: '2022-05-01' })
    await tx.insert(workshopMembers).values({ workshopId: workshop!.id, workerId: worker!.id, startOn: '2022-05-01' })
  })
}
