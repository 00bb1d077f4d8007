import { Button, Space, Spin } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { aroundKeys, fetchRun } from '../../api/around'
import { formatFen } from '../../components/money'

/** Yuan with two decimals, no currency sign (the sheet says 单位：元). */
const yuan = (fen: number) => formatFen(fen, { symbol: '' })

// A4 portrait; only the list prints. Chinese regardless of the UI language: it is a village document.
const PRINT_CSS = `
.gf-share-print { background: #fff; color: #000; max-width: 186mm; margin: 0 auto; padding: 8mm 0; font-family: 'Noto Serif CJK SC', 'Songti SC', SimSun, serif; font-size: 11pt; }
.gf-share-print h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1px; }
.gf-share-print .meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 2mm; margin-bottom: 2mm; font-size: 10pt; }
.gf-share-print table { width: 100%; border-collapse: collapse; }
.gf-share-print th, .gf-share-print td { border: 0.3mm solid #000; padding: 1.6mm 1.5mm; }
.gf-share-print th { font-weight: 600; background: #f2f2f2; }
.gf-share-print td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gf-share-print td.sign { width: 22mm; }
.gf-share-print tr { page-break-inside: avoid; }
.gf-share-print .foot { display: flex; justify-content: space-between; margin-top: 6mm; }
.gf-share-print .note { margin-top: 3mm; font-size: 9pt; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body * { visibility: hidden !important; }
  .gf-share-print, .gf-share-print * { visibility: visible !important; }
  .gf-share-print { position: absolute; left: 0; top: 0; width: 100%; max-width: none; padding: 0; }
  .gf-no-print { display: none !important; }
  thead { display: table-header-group; }
}
`

export default function RunPrintPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation('collective')
  const navigate = useNavigate()
  const run = useQuery({ queryKey: aroundKeys.run(id), queryFn: () => fetchRun(id) })
  const r = run.data
  if (!r) return <Spin />
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <Space className="gf-no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(`/profit-sharing/${id}`)}>{t('run.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('run.print')}</Button>
      </Space>
      <div className="gf-share-print" data-testid="share-print" lang="zh-CN">
        <h1>{r.collectiveName}{r.title}发放清单</h1>
        <div className="meta">
          <span>期间：{r.period}</span>
          <span>分红总额：{yuan(r.totalFen)} 元</span>
          <span>户数：{r.households}{'\u3000'}总股数：{r.totalShares}</span>
          <span>状态：{r.status === 'confirmed' ? '已确认' : '草稿（未确认）'}{'\u3000'}单位：元</span>
        </div>
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>户号</th>
              <th>户主</th>
              <th>股数</th>
              <th>分红金额</th>
              <th>领款人签字</th>
            </tr>
          </thead>
          <tbody>
            {r.lines.map((l) => (
              <tr key={l.memberId}>
                <td className="num">{l.seq}</td>
                <td>{l.householdNo}</td>
                <td>{l.headName}</td>
                <td className="num">{l.shares}</td>
                <td className="num">{yuan(l.amountFen)}</td>
                <td className="sign" />
              </tr>
            ))}
            <tr>
              <td colSpan={3}><b>合计</b></td>
              <td className="num"><b>{r.totalShares}</b></td>
              <td className="num" data-testid="print-total"><b>{yuan(r.lines.reduce((a, l) => a + l.amountFen, 0))}</b></td>
              <td />
            </tr>
          </tbody>
        </table>
        <div className="note">按股数分配到分，余数按最大余数法分配（余数相同按户号顺序），合计与分红总额一致。</div>
        <div className="foot">
          <span>经办人：</span>
          <span>村股份经济合作社（盖章）</span>
          <span>{'日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
        </div>
      </div>
    </div>
  )
}
