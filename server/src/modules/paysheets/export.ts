import ExcelJS from 'exceljs'
import { fenToYuanString } from '@gongfang/shared/money'
import type { DbOrTx } from '../../db/client.ts'
import type { Caller } from '../../auth/caller.ts'
import { getPaysheet } from './sheets.ts'
import { exportStamp, stampWorkbook } from '../../files/export.ts'

/** A pay sheet as an A4 workbook for signing: masked ID numbers, a signature column, the total in 大写. */
export async function exportPaysheetXlsx(db: DbOrTx, caller: Caller, id: string): Promise<{ filename: string; data: Buffer }> {
  const sheet = await getPaysheet(db, caller, id)
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(`${sheet.month} 工资表`, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.mergeCells('A1:J1')
  ws.getCell('A1').value = `${sheet.workshopName} ${sheet.month.replace('-', ' 年 ')} 月计件工资表`
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A1').alignment = { horizontal: 'center' }
  ws.addRow([`状态：${{ draft: '草稿', submitted: '待审批', locked: '已锁定', paid: '已发放' }[sheet.status]}`, '', '', '', '', '', '', '', sheet.hash ? `校验码：${sheet.hash.slice(0, 16)}` : ''])
  const header = ws.addRow(['序号', '姓名', '身份证号', '合格件数', '次品件数', '应发（元）', '调整（元）', '扣款（元）', '实发（元）', '签字'])
  header.font = { bold: true }
  const yuan = (f: number) => Number(fenToYuanString(f)) // display cell; the exact figure is also in the fen column below
  sheet.lines.forEach((l, i) => ws.addRow([i + 1, l.workerName, l.idNumberMasked, l.goodQty, l.rejectedQty, yuan(l.grossFen), yuan(l.adjustmentsFen), yuan(l.deductionsFen), yuan(l.totalFen), '']))
  const total = ws.addRow(['合计', '', '', sheet.goodQty, sheet.lines.reduce((a, l) => a + l.rejectedQty, 0), yuan(sheet.grossFen), yuan(sheet.adjustmentsFen), yuan(sheet.deductionsFen), yuan(sheet.totalFen), ''])
  total.font = { bold: true }
  ws.addRow([`合计金额（大写）：${sheet.totalInWords}`])
  for (const c of ['F', 'G', 'H', 'I']) ws.getColumn(c).numFmt = '#,##0.00'
  ws.columns.forEach((col, i) => (col.width = [6, 10, 22, 10, 10, 12, 12, 12, 12, 14][i]))
  stampWorkbook(wb, exportStamp(caller))
  const data = Buffer.from(await wb.xlsx.writeBuffer())
  return { filename: `${sheet.workshopName}-${sheet.month}-工资表.xlsx`, data }
}
