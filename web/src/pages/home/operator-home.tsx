import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { fetchDaySheet, fetchPaysheets, fetchRecordableWorkshops, wagesKeys } from '../../api/wages'
import { api } from '../../api/client'
import { formatFen, Money } from '../../components/money'
import {
  centifenToYuan,
  useAllocations,
  useArrears,
  useOrder,
  useOrderAction,
  type Allocation,
} from '../orders/api'
import { todayCn } from '../wages/use-online'
import { pieceTotalFen, shortDate } from './home-figures'
import { LightCard, LightEmpty, LightLoading, LightProblem, LightTag, LightTitle, type TagColor } from '../../app/light'

// Plain markup (app/light.tsx), no antd component: this is the operator's phone page of every day.
const PAYSHEET_COLOR: Record<string, TagColor> = { draft: 'default', submitted: 'gold', locked: 'orange', paid: 'green' }

/** Today's day sheet in one line of figures and one big button: the first thing of the operator's day. */
function TodayCard() {
  const { t, i18n } = useTranslation('home')
  const navigate = useNavigate()
  const today = todayCn()
  const workshops = useQuery({ queryKey: wagesKeys.workshops, queryFn: fetchRecordableWorkshops })
  const ws = workshops.data?.[0]
  const sheet = useQuery({
    queryKey: wagesKeys.daySheet(ws?.id ?? '', today),
    queryFn: () => fetchDaySheet(ws!.id, today),
    enabled: !!ws,
  })
  const records = sheet.data?.records ?? []
  const people = new Set(records.map((r) => r.workerId)).size
  const pieces = records.reduce((s, r) => s + r.goodQty, 0)
  const amount = records.reduce((s, r) => s + r.amountFen, 0)
  return (
    <LightCard title={t('operator.today', { date: shortDate(today, i18n.language) })} testId="today-sheet">
      {(workshops.isLoading || sheet.isLoading) && <LightLoading />}
      {workshops.isError && <LightProblem error={workshops.error} />}
      {workshops.isSuccess && !ws && <LightEmpty>{t('operator.noWorkshop')}</LightEmpty>}
      {sheet.data && (
        <div className="gf-l-stack">
          <span className="gf-l-muted">{ws!.name}</span>
          <div className="gf-l-row">
            <span>{t('operator.people', { n: people })}</span>
            <span>{t('operator.pieces', { n: pieces })}</span>
            <b>
              <Money fen={amount} />
            </b>
          </div>
          {/* A button that opens the page: the one big action of the card. */}
          <button type="button" className="gf-l-btn primary block" style={{ minHeight: 52, fontSize: 18 }} onClick={() => navigate('/day-sheet')}>
            {records.length ? t('operator.continueSheet') : t('operator.startSheet')}
          </button>
        </div>
      )}
    </LightCard>
  )
}

/** An offer with what the operator needs to decide: rate, quantity, total pay, due date, distance, materials. */
function OfferCard({ a }: { a: Allocation }) {
  const { t } = useTranslation('home')
  const order = useOrder(a.orderId)
  const accept = useOrderAction(() => api.POST('/allocations/{id}/accept', { params: { path: { id: a.id } } }))
  const decline = useOrderAction(() => api.POST('/allocations/{id}/decline', { params: { path: { id: a.id } } }))
  const o = order.data
  const rows: [label: string, value: React.ReactNode][] = o
    ? [
        [t('operator.rate'), <span data-testid="offer-rate">¥{centifenToYuan(o.workshopRateCentifen)}/{o.unit}</span>],
        [t('operator.quantity'), `${a.quantity.toLocaleString()} ${o.unit}`],
        [t('operator.totalPay'), <b data-testid="offer-total">{formatFen(pieceTotalFen(a.quantity, o.workshopRateCentifen))}</b>],
        [t('operator.dueOn'), <span data-testid="offer-due">{o.dueOn}</span>],
        [t('operator.distance'), a.distanceKm === null ? '—' : `${a.distanceKm} km`],
        [t('operator.materials'), t(`orders:logistics.${o.logistics}`, { defaultValue: o.logistics })],
      ]
    : []
  return (
    <div className="gf-l-card" style={{ padding: 12, marginBottom: 8 }} data-testid="offer">
      <div className="gf-l-row" style={{ justifyContent: 'space-between', columnGap: 8 }}>
        <b style={{ fontSize: 16 }}>{a.product}</b>
        {o && <span className="gf-l-muted">{o.enterpriseName}</span>}
      </div>
      {order.isLoading && <LightLoading rows={2} />}
      {o && (
        <dl className="gf-l-dl">
          {rows.map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <button type="button" className="gf-l-btn primary block" style={{ minHeight: 48 }} disabled={accept.isPending} onClick={() => accept.mutate(undefined)}>
          {t('orders:operator.accept')}
        </button>
        <button type="button" className="gf-l-btn danger block" style={{ minHeight: 48 }} disabled={decline.isPending} onClick={() => decline.mutate(undefined)}>
          {t('orders:operator.decline')}
        </button>
      </div>
      {(accept.isError || decline.isError) && <LightProblem error={accept.error ?? decline.error} />}
    </div>
  )
}

function OffersCard() {
  const { t } = useTranslation('home')
  const mine = useAllocations({})
  const offers = (mine.data?.items ?? []).filter((a) => a.status === 'offered')
  return (
    <LightCard title={t('operator.offers')} extra={<Link to="/my-orders">{t('operator.allOrders')}</Link>} testId="offers">
      {mine.isError && <LightProblem error={mine.error} />}
      {mine.isLoading && <LightLoading rows={2} />}
      {mine.isSuccess && offers.length === 0 && <LightEmpty>{t('operator.noOffers')}</LightEmpty>}
      {offers.map((a) => (
        <OfferCard key={a.id} a={a} />
      ))}
    </LightCard>
  )
}

function PaysheetCard() {
  const { t } = useTranslation('home')
  const month = todayCn().slice(0, 7)
  const q = useQuery({
    queryKey: wagesKeys.paysheets({ month, home: true }),
    queryFn: () => fetchPaysheets({ month, pageSize: 10 }),
  })
  const sheets = q.data?.items ?? []
  return (
    <LightCard title={t('operator.paysheet', { month })} extra={<Link to="/paysheets">{t('operator.allPaysheets')}</Link>} testId="home-paysheet">
      {q.isError && <LightProblem error={q.error} />}
      {q.isLoading && <LightLoading />}
      {q.isSuccess && sheets.length === 0 && <span>{t('operator.noPaysheet')}</span>}
      {sheets.map((s) => (
        <Link key={s.id} to={`/paysheets/${s.id}`} className="gf-l-listlink">
          <span>{s.workshopName}</span>
          <LightTag color={PAYSHEET_COLOR[s.status]}>{t(`wages:paysheets.states.${s.status}`)}</LightTag>
          <span>{t('operator.workers', { n: s.workerCount })}</span>
          <b>
            <Money fen={s.totalFen} />
          </b>
        </Link>
      ))}
    </LightCard>
  )
}

/** What enterprises owe the workshop: accepted deliveries not yet paid, and the part past the payment term. */
export function OwedCard({ title, byWorkshop = false }: { title: string; byWorkshop?: boolean }) {
  const { t } = useTranslation('home')
  const q = useArrears({})
  const lines = q.data?.items ?? []
  const owed = lines.reduce((s, l) => s + Math.max(0, l.owedFen - l.paidFen), 0)
  const overdue = lines.reduce((s, l) => s + l.overdueFen, 0)
  const open = lines.filter((l) => l.owedFen > l.paidFen)
  return (
    <LightCard title={title} testId="owed">
      {q.isError && <LightProblem error={q.error} />}
      {q.isLoading && <LightLoading />}
      {q.isSuccess && (
        <div className="gf-l-stack" style={{ gap: 8 }}>
          <div className="gf-l-row">
            <span>
              {t('owed.unpaid')}{' '}
              <b style={{ fontSize: 20 }} data-testid="owed-total">
                <Money fen={owed} />
              </b>
            </span>
            <span>
              {t('owed.overdue')}{' '}
              <b style={{ fontSize: 20, color: overdue > 0 ? '#cf1322' : undefined }}>
                <Money fen={overdue} />
              </b>
            </span>
          </div>
          <div>
            {open.slice(0, 5).map((l) => (
              <Link key={`${l.orderId}-${l.workshopId}`} to={`/orders/${l.orderId}`} className="gf-l-listlink" style={{ flexWrap: 'nowrap' }}>
                <span>
                  {byWorkshop ? l.workshopName : l.enterpriseName} · {l.product}
                </span>
                <Money fen={l.owedFen - l.paidFen} style={l.overdueFen > 0 ? { color: '#cf1322' } : undefined} />
              </Link>
            ))}
          </div>
          {open.length === 0 && <span className="gf-l-muted">{t('owed.none')}</span>}
        </div>
      )}
    </LightCard>
  )
}

/** The operator's phone home: today's day sheet, offers to decide, this month's pay sheet, money owed. */
export function OperatorHome({ user }: { user: User }) {
  const { t } = useTranslation('home')
  return (
    <div className="gf-l-stack" style={{ maxWidth: 720 }} data-testid="operator-home">
      <LightTitle>{t('greeting', { name: user.displayName })}</LightTitle>
      <TodayCard />
      <OffersCard />
      <PaysheetCard />
      <OwedCard title={t('operator.owed')} />
    </div>
  )
}
