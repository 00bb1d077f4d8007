import { Spin } from 'antd'
import { useRouteRecord } from '../../api/use-route-record'
import { useTranslation } from 'react-i18next'
import { PrintSheet } from '../../components/print-sheet'
import { fetchPaysheet, wagesKeys } from '../../api/wages'
import { todayCn } from './use-online'
import { formatFen } from '../../components/money'

/** Yuan with two decimals from integer fen, no sign (the sheet says 单位：元): 123456 → 1,234.56 */
const yuan = (fen: number) => formatFen(fen, { symbol: '' })

// What the pay sheet adds to the shared sheet styles (components/print-sheet).
const PRINT_CSS = `
.gf-print { width: 186mm; }
.gf-print td.sign { width: 24mm; }
.gf-print .hash { margin-top: 3mm; font-size: 8pt; color: #444; word-break: break-all; }
`

const HEAD = ['序号', '姓名', '身份证号', '合格件数', '次品', '应发', '调整', '扣款', '实发金额', '领款人签字']

export default function PaysheetPrintPage() {
  const { t } = useTranslation('wages')
  const { id, q } = useRouteRecord(wagesKeys.paysheet, fetchPaysheet)
  const s = q.data
  if (!s) return <Spin />
  const [y, m] = s.month.split('-')
  const rejected = s.lines.reduce((a, l) => a + l.rejectedQty, 0)
  return (
    <PrintSheet
      className="gf-print"
      css={PRINT_CSS}
      backTo={`/paysheets/${id}`}
      backLabel={t('paysheets.back')}
      printLabel={t('paysheets.print')}
      testId="print-sheet-view"
      title={<>{s.workshopName} {y} 年 {Number(m)} 月计件工资发放表</>}
      meta={<>
        <span>状态：{{ draft: '草稿（未锁定）', submitted: '待审批', locked: '已锁定', paid: '已发放' }[s.status]}</span>
        <span>单位：元</span>
      </>}
      head={HEAD}
      after={<>
        <div className="foot">
          <span>工坊负责人：__________</span>
          <span>审核人：__________</span>
          <span>制表日期：{todayCn()}</span>
        </div>
        {s.hash && <div className="hash">校验码（SHA-256）：{s.hash}</div>}
      </>}
    >
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
    </PrintSheet>
  )
}
