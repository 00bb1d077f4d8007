import { Button, Space, Spin } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { fetchPaysheet, wagesKeys } from '../../api/wages'
import { todayCn } from './use-online'

/** Yuan with two decimals from integer fen, no floats: 123456 → 1,234.56 */
const yuan = (fen: number) => {
  const neg = fen < 0
  const a = Math.abs(fen)
  return `${neg ? '-' : ''}${Math.floor(a / 100).toLocaleString('en')}.${String(a % 100).padStart(2, '0')}`
}

// A4 portrait; only the sheet prints (the app's menu and header are hidden).
const PRINT_CSS = `
.gf-print { background: #fff; color: #000; width: 186mm; margin: 0 auto; padding: 8mm 0; font-family: 'Noto Serif CJK SC', 'Songti SC', SimSun, serif; font-size: 11pt; }
.gf-print h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1px; }
.gf-print .meta { display: flex; justify-content: space-between; margin-bottom: 2mm; font-size: 10pt; }
.gf-print table { width: 100%; border-collapse: collapse; }
.gf-print th, .gf-print td { border: 0.3mm solid #000; padding: 1.6mm 1.5mm; }
.gf-print th { font-weight: 600; background: #f2f2f2; }
.gf-print td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gf-print td.sign { width: 24mm; }
.gf-print tr { page-break-inside: avoid; }
.gf-print .foot { display: flex; justify-content: space-between; margin-top: 6mm; }
.gf-print .hash { margin-top: 3mm; font-size: 8pt; color: #444; word-break: break-all; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body * { visibility: hidden !important; }
  .gf-print, .gf-print * { visibility: visible !important; }
  .gf-print { position: absolute; left: 0; top: 0; width: 100%; padding: 0; }
  .gf-no-print { display: none !important; }
  thead { display: table-header-group; }
}
`

export default function PaysheetPrintPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation('wages')
  const navigate = useNavigate()
  const sheet = useQuery({ queryKey: wagesKeys.paysheet(id), queryFn: () => fetchPaysheet(id) })
  const s = sheet.data
  if (!s) return <Spin />
  const [y, m] = s.month.split('-')
  const rejected = s.lines.reduce((a, l) => a + l.rejectedQty, 0)
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <Space className="gf-no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(`/paysheets/${id}`)}>{t('paysheets.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('paysheets.print')}</Button>
      </Space>
      <div className="gf-print" data-testid="print-sheet-view" lang="zh-CN">
        <h1>{s.workshopName} {y} 年 {Number(m)} 月计件工资发放表</h1>
        <div className="meta">
          <span>状态：{{ draft: '草稿（未锁定）', submitted: '待审批', locked: '已锁定', paid: '已发放' }[s.status]}</span>
          <span>单位：元</span>
        </div>
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>姓名</th>
              <th>身份证号</th>
              <th>合格件数</th>
              <th>次品</th>
              <th>应发</th>
              <th>调整</th>
              <th>扣款</th>
              <th>实发金额</th>
              <th>领款人签字</th>
            </tr>
          </thead>
          <tbody>
            {s.lines.map((l, i) => (
              <tr key={l.workerId}>
                <td className="num">{i + 1}</td>
                <td>{l.workerName}</td>
                <td>{l.idNumberMasked}</td>
                <td className="num">{l.goodQty}</td>
                <td className="num">{l.rejectedQty}</td>
                <td className="num">{yuan(l.grossFen)}</td>
                <td className="num">{yuan(l.adjustmentsFen)}</td>
                <td className="num">{yuan(l.deductionsFen)}</td>
                <td className="num">{yuan(l.totalFen)}</td>
                <td className="sign" />
              </tr>
            ))}
            <tr>
              <td colSpan={3} style={{ textAlign: 'center', fontWeight: 600 }}>合计（小写）</td>
              <td className="num">{s.goodQty}</td>
              <td className="num">{rejected}</td>
              <td className="num">{yuan(s.grossFen)}</td>
              <td className="num">{yuan(s.adjustmentsFen)}</td>
              <td className="num">{yuan(s.deductionsFen)}</td>
              <td className="num" data-testid="print-total">¥{yuan(s.totalFen)}</td>
              <td />
            </tr>
            <tr>
              <td colSpan={3} style={{ textAlign: 'center', fontWeight: 600 }}>合计（大写）</td>
              <td colSpan={7} data-testid="print-words">人民币{s.totalInWords}</td>
            </tr>
          </tbody>
        </table>
        <div className="foot">
          <span>工坊负责人：__________</span>
          <span>审核人：__________</span>
          <span>制表日期：{todayCn()}</span>
        </div>
        {s.hash && <div className="hash">校验码（SHA-256）：{s.hash}</div>}
      </div>
    </div>
  )
}
