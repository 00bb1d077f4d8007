import { lazy, Suspense, useState } from 'react'
import { RecordViews } from './record-views'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { fetchEarnings, wagesKeys } from '../../api/wages'
import { formatFen } from '../../components/money'
import { todayCn } from '../wages/use-online'
import { monthName, nextPayDate, shortDate, spokenYuan } from './home-figures'
import { LightLoading, LightProblem, LightTag, LightTitle } from '../../app/light'

// The question dialog (a form, a select, a modal) loads when the worker opens it, not with the phone's first screen.
const AskModal = lazy(() => import('./ask-modal').then((m) => ({ default: m.AskDialog })))

// The ministry's elder-friendly guidance: text at least 18 px, touch targets at least 48 px.
const BIG = { fontSize: 18 }
const STATUS_COLOR = { none: 'default', draft: 'default', locked: 'orange', paid: 'green' } as const

// Three icons drawn inline (a speaker, a speech bubble, a list): antd's icon package would bring its own runtime.
const SOUND = 'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z'
const MESSAGE = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z'
const LIST = 'M3 5h2v2H3V5zm4 0h14v2H7V5zM3 11h2v2H3v-2zm4 0h14v2H7v-2zm-4 6h2v2H3v-2zm4 0h14v2H7v-2z'
const Icon = ({ d }: { d: string }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d={d} />
  </svg>
)

export function speak(text: string) {
  const synth = window.speechSynthesis
  if (!synth) return false
  synth.cancel()
  const u = new SpeechSynthesisUtterance(text)
  u.lang = 'zh-CN'
  u.rate = 0.9 // a little slower than default: easier to follow for older listeners
  synth.speak(u)
  return true
}

/**
 * The worker's phone home: today's and this month's money in big type, read aloud on request. The month shows
 * net pay (after approved deductions, as the slip), with the gross beside it when they differ. Plain markup
 * (app/light.tsx): no antd component on the first screen.
 */
export function WorkerHome({ user }: { user: User }) {
  const { t, i18n } = useTranslation('home')
  const navigate = useNavigate()
  const today = todayCn()
  const month = today.slice(0, 7)
  const q = useQuery({ queryKey: wagesKeys.earnings(month), queryFn: () => fetchEarnings(month) })
  const [asking, setAsking] = useState(false)
  // Mounted from the first question on and kept, so that its "sent" message outlives the dialog.
  const [asked, setAsked] = useState(false)
  if (q.isLoading) return <LightLoading rows={4} />
  if (q.isError) return <LightProblem error={q.error} />
  const e = q.data!
  const day = e.days.find((d) => d.date === today) ?? { goodQty: 0, amountFen: 0 }
  const cur = e.months.find((m) => m.month === month) ?? {
    month,
    days: 0,
    goodQty: 0,
    amountFen: 0,
    netFen: 0,
    payStatus: 'none' as const,
    paidOn: null,
    paidFen: null,
  }
  const next = nextPayDate(e.months, today)
  const lang = i18n.language
  const status =
    cur.payStatus === 'paid' && cur.paidOn
      ? t('worker.paidOn', { date: shortDate(cur.paidOn, lang) })
      : t(`wages:my.status.${cur.payStatus}`)
  const nextText = next
    ? next.late
      ? t('worker.nextLate', { month: monthName(next.month, today, lang), date: shortDate(next.date, lang) })
      : t('worker.next', { month: monthName(next.month, today, lang), date: shortDate(next.date, lang) })
    : t('worker.nextUnknown')
  const speech = t('worker.speech', {
    todayPieces: day.goodQty,
    todayAmount: spokenYuan(day.amountFen),
    monthPieces: cur.goodQty,
    monthAmount: spokenYuan(cur.netFen),
    days: cur.days,
    status,
    next: nextText,
  })

  return (
    <div className="gf-l-stack" style={{ ...BIG, gap: 16, maxWidth: 560 }} data-testid="worker-home">
      <LightTitle large>{t('greeting', { name: user.displayName })}</LightTitle>
      <section className="gf-l-card" style={{ background: '#fff7f0', borderColor: '#f3c9a9', padding: 20 }}>
        <div>{t('worker.thisMonth', { month: Number(month.slice(5)), ym: month })}</div>
        <div style={{ fontSize: 40, fontWeight: 700, color: '#b7312c', lineHeight: 1.3 }} data-testid="month-amount">
          {formatFen(cur.netFen)}
        </div>
        {cur.netFen !== cur.amountFen && <div data-testid="month-gross">{t('worker.grossNote', { gross: formatFen(cur.amountFen) })}</div>}
        <div className="gf-l-row" style={{ columnGap: 12 }}>
          <span>{t('worker.pieces', { n: cur.goodQty })}</span>
          <span>{t('worker.days', { n: cur.days })}</span>
        </div>
        <LightTag color={STATUS_COLOR[cur.payStatus]} style={{ ...BIG, padding: '4px 10px', marginTop: 8 }} testId="month-status">
          {status}
        </LightTag>
        <div style={{ marginTop: 8 }} data-testid="next-pay">
          {nextText}
        </div>
      </section>
      <section className="gf-l-card" style={{ padding: 20 }}>
        <div>{t('worker.today', { date: shortDate(today, lang) })}</div>
        <div className="gf-l-row" style={{ columnGap: 16 }}>
          <span style={{ fontSize: 32, fontWeight: 700 }} data-testid="today-amount">
            {formatFen(day.amountFen)}
          </span>
          <span>{t('worker.pieces', { n: day.goodQty })}</span>
        </div>
      </section>
      <button type="button" className="gf-l-btn primary block big" data-testid="read-aloud" onClick={() => speak(speech)}>
        <Icon d={SOUND} /> {t('worker.readAloud')}
      </button>
      <button type="button" className="gf-l-btn block big" data-testid="ask" onClick={() => (setAsked(true), setAsking(true))}>
        <Icon d={MESSAGE} /> {t('worker.ask')}
      </button>
      {/* A button, as the two above: the same big target, and it reads as one of the page's three actions. */}
      <button type="button" className="gf-l-btn block big" data-testid="details" onClick={() => navigate('/my-wages')}>
        <Icon d={LIST} /> {t('worker.details')}
      </button>
      <RecordViews />
      {asked && (
        <Suspense fallback={null}>
          <AskModal open={asking} month={month} onClose={() => setAsking(false)} />
        </Suspense>
      )}
    </div>
  )
}
