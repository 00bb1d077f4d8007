import { idNumberCheckChar } from '@gongfang/shared'
import { Random } from '../../demo/random.ts'
import type { ExportColumn } from '../../files/export.ts'

/** Worker rows as a county office's spreadsheet would have them (for tests and the import benchmark). */
export interface SampleWorkerRow {
  name: string
  idNumber: string
  phone: string
  regionCode: string
  household: string
  lowIncomeSince: string
  disabilityGrade: string
  disabilityConsentOn: string
  disabilityConsentWitness: string
  skills: string
  hoursPerDay: string
  baselineMonthlyIncome: string
  baselineSource: string
}

const SURNAMES = '吴叶周陈李王张刘林徐金毛季胡郑潘杨何'.split('')
const GIVEN = '秀英 建国 丽华 德林 美珍 国平 小芳 春花 志强 玉兰 水根 彩凤 永福 桂香 雪梅 海燕 金水 丽娟 福根 爱琴'.split(' ')
const SKILLS = ['分拣', '包装', '缝纫', '组装', '编织', '刺绣', '竹编']

/** `n` distinct people; `seqBase` keeps ID numbers apart between calls (birth date + 3-digit sequence). */
export function sampleWorkerRows(n: number, villages: readonly string[], seed = 7, seqBase = 0): SampleWorkerRow[] {
  const rnd = new Random(seed)
  const out: SampleWorkerRow[] = []
  for (let i = 0; i < n; i++) {
    const village = villages[i % villages.length]!
    // Unique by construction: day index and sequence both come from i.
    const k = seqBase + i
    const day = new Date(Date.UTC(1950, 0, 1) + (k % 18000) * 86_400_000)
    const seq = Math.floor(k / 18000) % 1000
    const first17 = `${village.slice(0, 6)}${day.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`
    const low = rnd.chance(0.12)
    const grade = rnd.chance(0.03) ? String(rnd.int(1, 4)) : ''
    out.push({
      name: rnd.pick(SURNAMES) + rnd.pick(GIVEN),
      idNumber: first17 + idNumberCheckChar(first17),
      phone: rnd.chance(0.85) ? `1${rnd.pick(['3', '5', '7', '8', '9'])}${String(rnd.int(0, 999_999_999)).padStart(9, '0')}` : '',
      regionCode: village,
      household: `${rnd.int(1, 12)}组`,
      lowIncomeSince: low ? `20${rnd.int(15, 24)}-0${rnd.int(1, 9)}-01` : '',
      disabilityGrade: grade,
      disabilityConsentOn: grade ? '2024-03-01' : '',
      disabilityConsentWitness: grade ? '村残协委员' : '',
      skills: [rnd.pick(SKILLS), rnd.pick(SKILLS)].join('、'),
      hoursPerDay: String(rnd.int(2, 8)),
      baselineMonthlyIncome: `${rnd.int(300, 4000)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
      baselineSource: '2023 年收入核查',
    })
  }
  return out
}

export const SAMPLE_WORKER_COLUMNS: ExportColumn<SampleWorkerRow>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '身份证号', value: (r) => r.idNumber, text: true },
  { header: '手机号', value: (r) => r.phone, text: true },
  { header: '村代码', value: (r) => r.regionCode, text: true },
  { header: '家庭户', value: (r) => r.household },
  { header: '低收入农户认定日期', value: (r) => r.lowIncomeSince },
  { header: '残疾等级', value: (r) => r.disabilityGrade },
  { header: '残疾信息同意日期', value: (r) => r.disabilityConsentOn },
  { header: '同意见证人', value: (r) => r.disabilityConsentWitness },
  { header: '技能', value: (r) => r.skills },
  { header: '每日可工作小时', value: (r) => r.hoursPerDay },
  { header: '加入前月收入（元）', value: (r) => r.baselineMonthlyIncome },
  { header: '收入来源', value: (r) => r.baselineSource },
]
