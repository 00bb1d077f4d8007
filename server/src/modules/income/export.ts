/** Income monitoring workbooks: the worker list and the alert list, Chinese headings, money in yuan. */
import type { IncomeAlert, IncomeWorker } from '@gongfang/shared/cockpit'
import { fenToYuan } from '../cockpit/export.ts'
import { toXlsx, type ExportStamp } from '../../files/export.ts'

/** Through the shared streaming writer: a province's list is tens of thousands of rows, written off this thread. */
async function sheet(name: string, headers: string[], rows: (string | number | null)[][], stamp: ExportStamp): Promise<Uint8Array> {
  return new Uint8Array(await toXlsx(headers.map((header, i) => ({ header, value: (r: (string | number | null)[]) => r[i] })), rows, name, stamp))
}

export const COHORT_ZH = { all: '全部', low_income: '低收入农户', disabled: '残疾人', aged60: '60岁以上', women: '妇女' } as const
const ALERT_ZH = { below_baseline: '收入回落至基线以下', no_work_2m: '连续两个月无务工收入' } as const
const yesNo = (b: boolean) => (b ? '是' : '否')

export function workersSheet(items: IncomeWorker[], stamp: ExportStamp) {
  return sheet(
    '工人收入监测',
    ['姓名', '村（社区）', '性别', '年龄', '低收入农户', '残疾人', '基线月收入（元）', '期间收入（元）', '务工月数', '月均增收（元）', '末月收入（元）', '增收/基线（%）'],
    items.map((w) => [
      w.name,
      w.regionName ?? w.regionCode,
      w.sex === 'F' ? '女' : '男',
      w.age,
      yesNo(w.lowIncome),
      yesNo(w.disabled),
      fenToYuan(w.baselineMonthlyFen),
      fenToYuan(w.earningsFen),
      w.activeMonths,
      fenToYuan(w.avgMonthlyEarningsFen),
      fenToYuan(w.lastMonthFen),
      w.increasePct,
    ]),
    stamp,
  )
}

export function alertsSheet(items: IncomeAlert[], month: string, stamp: ExportStamp) {
  return sheet(
    '收入预警',
    ['预警类型', '姓名', '村（社区）', '联系电话', '低收入农户', '残疾人', '基线月收入（元）', `${month} 收入（元）`, '最近务工月份'],
    items.map((a) => [
      ALERT_ZH[a.kind],
      a.name,
      a.regionName ?? a.regionCode,
      a.phone,
      yesNo(a.lowIncome),
      yesNo(a.disabled),
      fenToYuan(a.baselineMonthlyFen),
      fenToYuan(a.monthFen),
      a.lastActiveMonth,
    ]),
    stamp,
  )
}
