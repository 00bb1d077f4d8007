import { describe, expect, test } from 'vitest'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import { parseCsvSheet, parseSpreadsheet } from '../../files/import.ts'
import { parseYuan as yuanToFen } from '@gongfang/shared/money'
import { readSalesRows } from './sales-csv.ts'

const readSalesCsv = (b: Uint8Array, platform?: string, today?: string) => readSalesRows(parseCsvSheet(b), platform, today ?? '2099-12-31')

const CSV = [
  '场次ID,日期,主播,订单数,销售额（元）,商品',
  'DY-001,2025-06-01,小李,120,"3,456.70",香菇干、笋干',
  'DY-002,2025/6/2 20:00,小李,8,88,"香菇酱; 茶叶"',
].join('\r\n')

describe('sales CSV', () => {
  test('yuan text to fen without floats', () => {
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('1,234.56')).toBe(123456)
    expect(yuanToFen('¥88')).toBe(8800)
    expect(yuanToFen('0.29')).toBe(29) // 0.29 * 100 is 28.999… as a float
    expect(yuanToFen('1.234')).toBeNull()
    expect(yuanToFen('-5')).toBeNull()
    expect(yuanToFen('abc')).toBeNull()
  })

  test('UTF-8, UTF-8 with BOM and GBK give the same rows', () => {
    const utf8 = new TextEncoder().encode(CSV)
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])
    const gbk = new Uint8Array(iconv.encode(CSV, 'gbk'))
    expect(parseCsvSheet(utf8).encoding).toBe('utf-8')
    expect(parseCsvSheet(bom).encoding).toBe('utf-8-bom')
    expect(parseCsvSheet(gbk).encoding).toBe('gbk')
    const results = [utf8, bom, gbk].map((b) => readSalesCsv(b, '抖音', '2026-01-01'))
    for (const r of results) {
      expect(r.errors).toEqual([])
      expect(r.rows).toEqual(results[0]!.rows)
    }
    expect(results[0]!.rows).toEqual([
      { row: 2, sessionDate: '2025-06-01', platform: '抖音', host: '小李', ordersCount: 120, salesFen: 345670, products: ['香菇干', '笋干'], externalRef: 'DY-001' },
      { row: 3, sessionDate: '2025-06-02', platform: '抖音', host: '小李', ordersCount: 8, salesFen: 8800, products: ['香菇酱', '茶叶'], externalRef: 'DY-002' },
    ])
  })

  test('the same export saved as xlsx gives the same rows', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('直播场次')
    ws.addRow(['场次ID', '日期', '主播', '订单数', '销售额（元）', '商品'])
    ws.addRow(['DY-001', '2025-06-01', '小李', 120, '3,456.70', '香菇干、笋干'])
    ws.addRow(['DY-002', '2025/6/2 20:00', '小李', 8, 88, '香菇酱; 茶叶'])
    const sheet = await parseSpreadsheet(new Uint8Array(await wb.xlsx.writeBuffer()))
    const fromXlsx = readSalesRows(sheet, '抖音', '2026-01-01')
    expect(fromXlsx.errors).toEqual([])
    expect(fromXlsx.rows).toEqual(readSalesCsv(new TextEncoder().encode(CSV), '抖音', '2026-01-01').rows)
  })

  test('every bad row is reported with its line number, column and reason', () => {
    const bad = ['场次ID,日期,订单数,销售额', 'A,2025-02-30,1,1', 'B,2025-03-01,x,1.234', 'A,2025-03-02,3,5', 'C,2025-03-03,2,9.9'].join('\n')
    const r = readSalesCsv(new TextEncoder().encode(bad), 'kuaishou', '2026-01-01')
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '日期'],
      [3, '订单数'],
      [3, '销售额(元)'],
      [4, '场次ID'], // repeats line 2's session id (even though line 2 itself is bad)
    ])
    expect(r.errors[3]!.message.zh).toBe('场次编号与第 2 行重复')
    expect(r.errors[0]!.value).toBe('2025-02-30')
    expect(r.rows.map((x) => x.row)).toEqual([5])
  })

  test('missing columns are named', () => {
    const r = readSalesCsv(new TextEncoder().encode('日期,主播\n2025-01-01,x'), undefined)
    expect(r.errors.map((e) => e.column)).toEqual(['订单数', '销售额(元)', '平台'])
    expect(r.rows).toEqual([])
  })
})
