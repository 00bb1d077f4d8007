import { lazy, Suspense, useState } from 'react'
import { RecordViews } from './record-views'
import { Button, Card, Flex, Skeleton, Tag } from 'antd'
import { MessageOutlined, SoundOutlined, UnorderedListOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { fetchEarnings, wagesKeys } from '../../api/wages'
import { formatFen } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { todayCn } from '../wages/use-online'
import { monthName, nextPayDate, shortDate, spokenYuan } from './home-figures'
import { PageHeader } from '../../components/page-header'

// The question dialog (a form, a select, a modal) loads when the worker opens it, not with the phone's first screen.
const AskModal = lazy(() => import('./ask-modal').then((m) => ({ default: m.AskModal })))

// The ministry's elder-friendly guidance: text at least 18 px, touch targets at least 48 px.
const BIG = { fontSize: 18 }
const BUTTON = { height: 56, fontSize: 20 }
const STATUS_COLOR = { none: 'default', draft: 'default', locked: 'orange', paid: 'green' } as const

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
 * net pay (after approved deductions, as the slip), with the gross beside it when they differ.
 */
export function WorkerHome({ user }: { user: User }) {
  const { t, i18n } = useTranslation('home')
  const today = todayCn()
  const month = today.slice(0, 7)
  const q = useQuery({ queryKey: wagesKeys.earnings(month), queryFn: () => fetchEarnings(month) })
  const [asking, setAsking] = useState(false)
  if (q.isLoading) return <Skeleton active />
  if (q.isError) return <ProblemAlert error={q.error} />
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
    <Flex vertical gap={16} style={{ ...BIG, maxWidth: 560 }} data-testid="worker-home">
      <PageHeader large title={t('greeting', { name: user.displayName })} />
      <Card styles={{ body: { padding: 20 } }} style={{ background: '#fff7f0', borderColor: '#f3c9a9' }}>
        <div style={BIG}>{t('worker.thisMonth', { month: Number(month.slice(5)), ym: month })}</div>
        <div style={{ fontSize: 40, fontWeight: 700, color: '#b7312c', lineHeight: 1.3 }} data-testid="month-amount">
          {formatFen(cur.netFen)}
        </div>
        {cur.netFen !== cur.amountFen && (
          <div style={BIG} data-testid="month-gross">
            {t('worker.grossNote', { gross: formatFen(cur.amountFen) })}
          </div>
        )}
        <Flex gap={12} wrap style={BIG}>
          <span>{t('worker.pieces', { n: cur.goodQty })}</span>
          <span>{t('worker.days', { n: cur.days })}</span>
        </Flex>
        <Tag
          color={STATUS_COLOR[cur.payStatus]}
          style={{ ...BIG, padding: '4px 10px', marginTop: 8 }}
          data-testid="month-status"
        >
          {status}
        </Tag>
        <div style={{ ...BIG, marginTop: 8 }} data-testid="next-pay">
          {nextText}
        </div>
      </Card>
      <Card styles={{ body: { padding: 20 } }}>
        <div style={BIG}>{t('worker.today', { date: shortDate(today, lang) })}</div>
        <Flex gap={16} align="baseline" wrap>
          <span style={{ fontSize: 32, fontWeight: 700 }} data-testid="today-amount">
            {formatFen(day.amountFen)}
          </span>
          <span style={BIG}>{t('worker.pieces', { n: day.goodQty })}</span>
        </Flex>
      </Card>
      <Button
        type="primary"
        icon={<SoundOutlined />}
        block
        style={BUTTON}
        data-testid="read-aloud"
        onClick={() => speak(speech)}
      >
        {t('worker.readAloud')}
      </Button>
      <Button icon={<MessageOutlined />} block style={BUTTON} data-testid="ask" onClick={() => setAsking(true)}>
        {t('worker.ask')}
      </Button>
      <Link to="/my-wages">
        <Button icon={<UnorderedListOutlined />} block style={BUTTON}>
          {t('worker.details')}
        </Button>
      </Link>
      <RecordViews />
      {asking && (
        <Suspense fallback={null}>
          <AskModal month={month} onClose={() => setAsking(false)} />
        </Suspense>
      )}
    </Flex>
  )
}
