import { Spin } from 'antd'
import { useRouteRecord } from '../../api/use-route-record'
import { useTranslation } from 'react-i18next'
import { PrintSheet } from '../../components/print-sheet'
import { aroundKeys, fetchRun } from '../../api/around'
import { formatFen } from '../../components/money'

/** Yuan with two decimals, no currency sign (the sheet says 单位：元). */
const yuan = (fen: number) => formatFen(fen, { symbol: '' })

// What the dividend list adds to the shared sheet styles (components/print-sheet).
const PRINT_CSS = `
.gf-share-print { max-width: 186mm; }
.gf-share-print .meta { flex-wrap: wrap; gap: 2mm; }
.gf-share-print td.sign { width: 22mm; }
.gf-share-print .note { margin-top: 3mm; font-size: 9pt; }
`

const HEAD = ['序号', '户号', '户主', '股数', '分红金额', '领款人签字']

export default function RunPrintPage() {
  const { t } = useTranslation('collective')
  const { id, q } = useRouteRecord(aroundKeys.run, fetchRun)
  const r = q.data
  if (!r) return <Spin />
  return (
    <PrintSheet
      className="gf-share-print"
      css={PRINT_CSS}
      backTo={`/profit-sharing/${id}`}
      backLabel={t('run.back')}
      printLabel={t('run.print')}
      testId="share-print"
      title={<>{r.collectiveName}{r.title}发放清单</>}
      meta={<>
        <span>期间：{r.period}</span>
        <span>分红总额：{yuan(r.totalFen)} 元</span>
        <span>户数：{r.households}{'\u3000'}总股数：{r.totalShares}</span>
        <span>状态：{r.status === 'confirmed' ? '已确认' : '草稿（未确认）'}{'\u3000'}单位：元</span>
      </>}
      head={HEAD}
      after={<>
        <div className="note">按股数分配到分，余数按最大余数法分配（余数相同按户号顺序），合计与分红总额一致。</div>
        <div className="foot">
          <span>经办人：</span>
          <span>村股份经济合作社（盖章）</span>
          <span>{'日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
        </div>
      </>}
    >
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
    </PrintSheet>
  )
}
