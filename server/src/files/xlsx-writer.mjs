// One xlsx sheet written as SpreadsheetML text straight into a streaming zip (archiver, the zip library exceljs
// itself writes with): memory holds the file, not a workbook model. exceljs's streaming writer spent about 20 µs a row building its row and cell objects
// (500,000 bank lines: 10 s of a 30 s budget); the sheets we export are plain rows of text and numbers, so the
// XML is written here and exceljs stays the reader. Used in process for small files and on a writer thread
// (xlsx-worker.mjs) for large ones. Plain JavaScript so that a worker thread, which does not inherit tsx's
// loader, can load it.
import { PassThrough } from 'node:stream'
import archiver from 'archiver'

/** Deflate level: 6 is zlib's default (native zlib, off this thread). */
const LEVEL = 6
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

// Control characters XML 1.0 cannot carry (tab, newline and carriage return stay).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/
const INVALID_ALL = new RegExp(INVALID.source, 'g')
const SPECIAL = /[&<>"]/
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Text as XML character data (most cells need neither replacement, so both are tested before running). */
/** The parts of a file in one Uint8Array of its own (Buffer.concat may hand back a slice of a shared pool, which
 * cannot be transferred to another thread). */
export function joinBytes(parts) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    bytes.set(p, at)
    at += p.length
  }
  return bytes
}

export function xmlText(s) {
  const out = INVALID.test(s) ? s.replace(INVALID_ALL, '') : s
  return SPECIAL.test(out) ? out.replace(/[&<>"]/g, (c) => ENTITIES[c]) : out
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i) {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

// Cell styles (cellXfs): 0 plain, 1 bold (the header), 2 text (numFmt 49 "@": Excel keeps a 19-digit account as
// typed), 3 bold text.
const STYLES =
  XML +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

function cell(ref, v, style) {
  const s = style ? ` s="${style}"` : ''
  if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`
  const text = xmlText(String(v))
  const space = text !== text.trim() || text.includes('\n') ? ' xml:space="preserve"' : ''
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`
}

function coreXml(p = {}) {
  const el = (tag, v) => (v == null || v === '' ? '' : `<${tag}>${xmlText(String(v))}</${tag}>`)
  const date = (tag, d) => (d ? `<${tag} xsi:type="dcterms:W3CDTF">${new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z')}</${tag}>` : '')
  return (
    XML +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:creator', p.creator) +
    el('cp:lastModifiedBy', p.lastModifiedBy) +
    el('dc:title', p.title) +
    el('dc:subject', p.subject) +
    el('dc:description', p.description) +
    date('dcterms:created', p.created) +
    date('dcterms:modified', p.modified) +
    '</cp:coreProperties>'
  )
}

/**
 * `columns`: header, width (characters) and whether the column is text; `preamble`: lines above the header (a
 * bank's layout), which scroll away while the header row stays in view; `properties` and `headerFooter`: the
 * personal-data stamp (workbook properties, printed header and footer).
 */
export function createXlsxWriter({ sheetName, columns, preamble = [], properties, headerFooter }) {
  // Excel refuses a workbook whose sheet name has any of []:*?/\ or is longer than 31 characters.
  const name = sheetName.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1'
  const parts = []
  const out = new PassThrough()
  out.on('data', (c) => parts.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  const zip = archiver('zip', { zlib: { level: LEVEL } })
  let failed
  zip.on('error', (err) => {
    failed = err
  })
  zip.pipe(out)
  const file = (entry, text) => zip.append(text, { name: entry })
  file(
    '[Content_Types].xml',
    XML +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
  )
  file(
    '_rels/.rels',
    XML +
      `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  )
  file('docProps/core.xml', coreXml(properties))
  file(
    'xl/workbook.xml',
    XML + `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets><sheet name="${xmlText(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  )
  file(
    'xl/_rels/workbook.xml.rels',
    XML +
      `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
  )
  file('xl/styles.xml', STYLES)
  const sheet = new PassThrough({ highWaterMark: 4 << 20 })
  zip.append(sheet, { name: 'xl/worksheets/sheet1.xml' })

  const names = columns.map((_, i) => columnName(i))
  const textStyle = columns.map((c) => (c.text ? 2 : 0))
  const top = preamble.length + 1 // the header's row
  let row = 0
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 10}" customWidth="1"${c.text ? ' style="2"' : ''}/>`).join('')
  sheet.write(
    XML +
      `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${top}" topLeftCell="A${top + 1}" activePane="bottomLeft" state="frozen"/>` +
      '<selection pane="bottomLeft"/></sheetView></sheetViews>' +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>',
  )
  let head = ''
  for (const line of preamble) {
    row++
    head += `<row r="${row}">${cell(`A${row}`, line, 0)}</row>`
  }
  row++
  sheet.write(`${head}<row r="${row}" s="1" customFormat="1">${columns.map((c, i) => cell(`${names[i]}${row}`, c.header, c.text ? 3 : 1)).join('')}</row>`)

  return {
    add(rows) {
      if (failed) throw failed
      // One string a call (V8 joins the pieces as a rope): the zip deflates it on libuv's threads meanwhile.
      let xml = ''
      for (const r of rows) {
        row++
        xml += `<row r="${row}">`
        for (let i = 0; i < r.length; i++) if (r[i] != null) xml += cell(`${names[i]}${row}`, r[i], textStyle[i])
        xml += '</row>'
      }
      // Past the stream's buffer, the caller waits for the zip to catch up: memory holds the compressed file and
      // a chunk or two of XML, not all of it (500,000 rows of XML spent seconds in garbage collection).
      if (!sheet.write(xml)) return new Promise((resolve) => sheet.once('drain', resolve))
    },
    async finish() {
      const hf = headerFooter
        ? `<headerFooter>${['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter'].map((k) => (headerFooter[k] ? `<${k}>${xmlText(headerFooter[k])}</${k}>` : '')).join('')}</headerFooter>`
        : ''
      sheet.end(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${hf}</worksheet>`)
      await zip.finalize()
      await ended
      if (failed) throw failed
      return joinBytes(parts)
    },
  }
}
