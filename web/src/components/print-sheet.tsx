import type { ReactNode } from 'react'
import { Button, Space } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router'

// A paper sheet on A4 portrait: only the sheet prints (the app's menu, header and these buttons are hidden).
const SHEET_CSS = `
.gf-sheet { background: #fff; color: #000; margin: 0 auto; padding: 8mm 0; font-family: 'Noto Serif CJK SC', 'Songti SC', SimSun, serif; font-size: 11pt; }
.gf-sheet h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1px; }
.gf-sheet .meta { display: flex; justify-content: space-between; margin-bottom: 2mm; font-size: 10pt; }
.gf-sheet table { width: 100%; border-collapse: collapse; }
.gf-sheet th, .gf-sheet td { border: 0.3mm solid #000; padding: 1.6mm 1.5mm; }
.gf-sheet th { font-weight: 600; background: #f2f2f2; }
.gf-sheet td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gf-sheet tr { page-break-inside: avoid; }
.gf-sheet .foot { display: flex; justify-content: space-between; margin-top: 6mm; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body * { visibility: hidden !important; }
  .gf-sheet, .gf-sheet * { visibility: visible !important; }
  .gf-sheet { position: absolute; left: 0; top: 0; width: 100%; max-width: none; padding: 0; }
  .gf-no-print { display: none !important; }
  thead { display: table-header-group; }
}
`

/**
 * A printable document (pay sheet, dividend list): a back and a print button on screen, then the sheet: a title,
 * a line of facts, one table and what stands under it.
 * The sheet is written in Chinese whatever the UI language: it is a village document. `css` styles the page's own
 * class and comes before the shared rules, so that printing still spans the whole paper.
 */
export function PrintSheet({ className, css, backTo, backLabel, printLabel, testId, title, meta, head, children, after }: {
  className: string
  css: string
  backTo: string
  backLabel: ReactNode
  printLabel: ReactNode
  testId: string
  title: ReactNode
  /** The line of facts under the title, as spans spread across the width. */
  meta: ReactNode
  /** The table's column headings. */
  head: readonly string[]
  /** The table's rows. */
  children: ReactNode
  /** Notes and signature lines under the table. */
  after: ReactNode
}) {
  const navigate = useNavigate()
  return (
    <div>
      <style>{css + SHEET_CSS}</style>
      <Space className="gf-no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(backTo)}>{backLabel}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{printLabel}</Button>
      </Space>
      <div className={`gf-sheet ${className}`} data-testid={testId} lang="zh-CN">
        <h1>{title}</h1>
        <div className="meta">{meta}</div>
        <table>
          <thead>
            <tr>{head.map((h) => <th key={h}>{h}</th>)}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
        {after}
      </div>
    </div>
  )
}
