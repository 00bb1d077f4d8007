import ExcelJS from 'exceljs'
import { WORKSHOP_TYPES, type CockpitFigures, type CockpitSummary } from '@gongfang/shared/cockpit'
import { fenToYuanString } from '@gongfang/shared/money'
import type { Child } from './service.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const TYPE_ZH: Record<string, string> = {
  processing: '来料加工型',
  recruitment: '招工就业型',
  ecommerce: '电商直播型',
  agritourism: '农旅融合型',
  brand: '品牌培育型',
  industry: '产业带动型',
}
const LEVEL_ZH: Record<string, string> = {
  province: '省',
  city: '市',
  county: '县（市、区）',
  township: '乡镇（街道）',
  village: '村（社区）',
  workshop: '工坊',
}

/** Fen → yuan text for a cell (empty when the figure is missing), by the shared money module: no float. */
export const fenToYuan = (fen: number | null): string => (fen == null ? '' : fenToYuanString(fen))

type Col = { header: string; value: (f: CockpitFigures) => number | string | null; money?: boolean }

/** The report's columns, Chinese headings; money in yuan with two decimals. */
export const FIGURE_COLUMNS: Col[] = [
  { header: '运营工坊（个）', value: (f) => f.workshopsOperating },
  ...WORKSHOP_TYPES.map((t) => ({ header: `其中${TYPE_ZH[t]}`, value: (f: CockpitFigures) => f.workshopsByType[t] })),
  { header: '联结企业（家）', value: (f) => f.enterprisesLinked },
  { header: '带动就业（人）', value: (f) => f.workersEmployed },
  { header: '其中低收入农户（人）', value: (f) => f.lowIncomeEmployed },
  { header: '其中残疾人（人）', value: (f) => f.disabledEmployed },
  { header: '就业人月', value: (f) => f.activeWorkerMonths },
  { header: '发放工资（元）', value: (f) => fenToYuan(f.wagesFen), money: true },
  { header: '人均月增收（元）', value: (f) => fenToYuan(f.avgMonthlyIncreaseFen), money: true },
  { header: '人均增收（元）', value: (f) => fenToYuan(f.avgIncreasePerWorkerFen), money: true },
  { header: '合格件数', value: (f) => f.goodQty },
  { header: '交付验收件数', value: (f) => f.deliveredQty },
  { header: '村集体增收（元）', value: (f) => fenToYuan(f.collectiveIncomeFen), money: true },
  { header: '线上销售额（元）', value: (f) => fenToYuan(f.salesFen), money: true },
  { header: '线上订单（单）', value: (f) => f.salesOrders },
  { header: '接待游客（人次）', value: (f) => f.tourismVisitors },
  { header: '农旅收入（元）', value: (f) => fenToYuan(f.tourismRevenueFen), money: true },
]

// Yuan text → a number cell for Excel's sums; two decimals are exact in display.
const cell = (c: Col, f: CockpitFigures) => {
  const v = c.value(f)
  return c.money && typeof v === 'string' && v !== '' ? Number(v) : v
}

function header(ws: ExcelJS.Worksheet, cols: string[]) {
  ws.addRow(cols).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
}

export async function cockpitWorkbook(
  summary: CockpitSummary,
  children: { childLevel: string; items: Child[] },
  months: { month: string; figures: CockpitFigures }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Gongfang 共富工坊'
  const title = `${summary.region.name} ${summary.period.from} 至 ${summary.period.to}`

  const s = wb.addWorksheet('概况')
  s.columns = [{ width: 24 }, { width: 22 }]
  header(s, ['指标', '数值'])
  s.addRow(['地区', summary.region.name])
  s.addRow(['行政区划代码', summary.region.code])
  s.addRow(['统计期间', `${summary.period.from} 至 ${summary.period.to}`])
  for (const c of FIGURE_COLUMNS) {
    const row = s.addRow([c.header, cell(c, summary.figures)])
    if (c.money) row.getCell(2).numFmt = '#,##0.00'
  }
  for (const t of summary.targets) s.addRow([`目标：${t.figure}（${t.year} 年）`, `${t.actual ?? '—'} / ${t.value}`])

  const ch = wb.addWorksheet(`下级（${LEVEL_ZH[children.childLevel] ?? children.childLevel}）`)
  header(ch, ['名称', '代码', ...FIGURE_COLUMNS.map((c) => c.header)])
  for (const item of children.items) ch.addRow([item.name, item.code, ...FIGURE_COLUMNS.map((c) => cell(c, item.figures))])
  ch.getColumn(1).width = 28
  ch.getColumn(2).width = 16

  const tr = wb.addWorksheet('月度趋势')
  header(tr, ['月份', ...FIGURE_COLUMNS.map((c) => c.header)])
  for (const m of months) tr.addRow([m.month, ...FIGURE_COLUMNS.map((c) => cell(c, m.figures))])
  FIGURE_COLUMNS.forEach((c, i) => {
    if (c.money) {
      ch.getColumn(i + 3).numFmt = '#,##0.00'
      tr.getColumn(i + 2).numFmt = '#,##0.00'
    }
  })
  wb.title = title
  return Buffer.from(await wb.xlsx.writeBuffer())
}
