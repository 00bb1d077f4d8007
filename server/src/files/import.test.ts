import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { SheetError, decodeText, parseCsv, parseSpreadsheet } from './import.ts'
import { formulaSafe, toCsv, toXlsx } from './export.ts'

const chinese = '姓名,身份证号,村\r\n叶秀英,33112619620314128X,东门村委会\r\n'

describe('decodeText', () => {
  test('UTF-8 with and without BOM, GBK and UTF-16 give the same text', () => {
    const utf8 = Buffer.from(chinese, 'utf8')
    expect(decodeText(utf8)).toEqual({ text: chinese, encoding: 'utf-8' })
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({ text: chinese, encoding: 'utf-8-bom' })
    expect(decodeText(iconv.encode(chinese, 'gbk'))).toEqual({ text: chinese, encoding: 'gbk' })
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chinese, 'utf16le')]))).toEqual({ text: chinese, encoding: 'utf-16' })
  })

  // A very short GBK text can be valid UTF-8 by chance (one 2-byte GBK character is a valid UTF-8
  // pair about 8 % of the time); the chance falls geometrically with length, and a real file starts
  // with a Chinese header row. The property therefore uses texts of 8+ characters.
  test('Chinese text of realistic length survives a GBK round trip without mojibake', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c))
    fc.assert(
      fc.property(fc.array(han, { minLength: 8, maxLength: 40 }), (chars) => {
        const s = chars.join('')
        // Characters outside GBK (rare CJK) are not in the property: GB18030 decodes them too.
        const bytes = iconv.encode(s, 'gb18030')
        expect(decodeText(bytes).text).toBe(s)
      }),
    )
  })
})

describe('parseCsv', () => {
  test('quotes, doubled quotes, embedded newlines and CRLF', () => {
    expect(parseCsv('a,"b,1","c ""q"""\r\n"x\ny",2,\n')).toEqual([
      ['a', 'b,1', 'c "q"'],
      ['x\ny', '2', ''],
    ])
  })

  test('round-trips what toCsv writes', () => {
    const cell = fc.string({ maxLength: 12 }).filter((s) => !/^\s|\s$/.test(s))
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 20 }), (rows) => {
        const cols = [0, 1, 2].map((i) => ({ header: `列${i}`, value: (r: string[]) => r[i] }))
        const buf = toCsv(cols, rows)
        const text = decodeText(buf).text
        const back = parseCsv(text)
        expect(back[0]).toEqual(['列0', '列1', '列2'])
        expect(back.slice(1)).toEqual(rows.map((r) => r.map(formulaSafe)))
      }),
    )
  })
})

describe('parseSpreadsheet', () => {
  test('xlsx and CSV give the same cells and spreadsheet row numbers; blank rows keep numbering', async () => {
    const rows = [['叶秀英', '33112619620314128X', '2021-01-01'], ['', '', ''], ['吴德林', '331126195807040536', '']]
    const cols = ['姓名', '身份证号', '日期'].map((h, i) => ({ header: h, value: (r: string[]) => r[i], text: true }))
    const x = await parseSpreadsheet(await toXlsx(cols, rows))
    const c = await parseSpreadsheet(iconv.encode(decodeText(toCsv(cols, rows)).text, 'gbk'))
    expect(x.encoding).toBe('xlsx')
    expect(c.encoding).toBe('gbk')
    expect(x.headers).toEqual(['姓名', '身份证号', '日期'])
    expect(c.headers).toEqual(x.headers)
    expect(x.rows.map((r) => r.row)).toEqual([2, 4])
    expect(c.rows).toEqual(x.rows)
  })
  test('a large xlsx (read on the worker thread) gives the same cells as its CSV; a broken one is refused', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => [`工人${i}`, String(331126195807040000 + i), i % 50 ? '' : '2021-01-01'])
    const cols = ['姓名', '身份证号', '日期'].map((h, i) => ({ header: h, value: (r: string[]) => r[i], text: true }))
    const xlsx = await toXlsx(cols, rows)
    expect(xlsx.byteLength).toBeGreaterThan(64 * 1024)
    const x = await parseSpreadsheet(xlsx)
    const c = await parseSpreadsheet(toCsv(cols, rows))
    expect(x.headers).toEqual(['姓名', '身份证号', '日期'])
    expect(x.rows).toHaveLength(6_000)
    expect(x.rows).toEqual(c.rows)
    const broken = new Uint8Array(xlsx.subarray(0, Math.floor(xlsx.byteLength / 2)))
    await expect(parseSpreadsheet(broken)).rejects.toBeInstanceOf(SheetError)
  }, 60_000)
})
