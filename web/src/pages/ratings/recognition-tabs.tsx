import { useState } from 'react'
import { Button, Input, Rate, Space, Switch, Tag, Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ImprovementPlan, Nomination } from '@gongfang/shared/programme'
import { api, ok, useMe, useCan } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { today as chinaToday } from '@gongfang/shared/clock'
import { DateInput } from '../../components/date-input'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { useInvalidate } from './ratings-shared'

export function DemonstrationTab() {
  const { t } = useTranslation('ratings')
  const me = useMe().data
  const can = useCan()
  const list = usePagedQuery({
    key: ['nominations'],
    filters: {},
    fetch: (query, signal) => api.GET('/demonstration-nominations', { params: { query }, signal }).then(ok),
  })
  const invalidate = useInvalidate()
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean }) =>
      api.POST('/demonstration-nominations/{id}/decision', { params: { path: { id: v.id } }, body: { approve: v.approve } }).then(ok),
    onSuccess: () => void invalidate(),
  })
  // Demonstration workshops are approved by city or province staff (or the administrator, who has no level).
  const mayDecide = can('ratings.decide') && me?.staffLevel !== 'county' && me?.staffLevel !== 'township'
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={list.q.error ?? decide.error} />
      <PagedTable<Nomination>
        list={list}
        columns={[
          { title: t('year'), dataIndex: 'year', width: 70 },
          { title: t('workshop'), dataIndex: 'workshopName' },
          {
            title: t('stars'),
            dataIndex: 'stars',
            render: (s: number | null) => (s ? <Rate disabled value={s} style={{ fontSize: 14 }} /> : '—'),
          },
          { title: t('reason'), dataIndex: 'reason' },
          { title: t('nominatedBy'), dataIndex: 'nominatedByName' },
          {
            title: '',
            render: (_: unknown, n: Nomination) =>
              n.status === 'nominated' && mayDecide ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ id: n.id, approve: true })}
                  >
                    {t('approve')}
                  </Button>
                  <Button size="small" onClick={() => decide.mutate({ id: n.id, approve: false })}>
                    {t('reject')}
                  </Button>
                </Space>
              ) : (
                <Tag color={n.status === 'approved' ? 'red' : n.status === 'rejected' ? 'default' : 'orange'}>
                  {t(`demoStatus.${n.status}`)}
                </Tag>
              ),
          },
        ]}
      />
    </Space>
  )
}

function FollowUpForm({ plan }: { plan: ImprovementPlan }) {
  const { t } = useTranslation('ratings')
  const invalidate = useInvalidate()
  const [due, setDue] = useState('')
  const [result, setResult] = useState('')
  const next = plan.followUps.find((f) => !f.doneOn)
  const add = useMutation({
    mutationFn: () => api.POST('/improvement-plans/{id}/follow-ups', { params: { path: { id: plan.id } }, body: { dueOn: due } }).then(ok),
    onSuccess: () => {
      setDue('')
      void invalidate()
    },
  })
  const done = useMutation({
    mutationFn: () =>
      api.POST('/improvement-plans/{id}/follow-ups/{followUpId}/done', { params: { path: { id: plan.id, followUpId: next!.id } }, body: {
        doneOn: chinaToday(),
        result,
      } }).then(ok),
    onSuccess: () => {
      setResult('')
      void invalidate()
    },
  })
  const close = useMutation({
    mutationFn: () => api.POST('/improvement-plans/{id}/close', { params: { path: { id: plan.id } }, body: { note: result } }).then(ok),
    onSuccess: () => void invalidate(),
  })
  if (plan.status === 'closed') return <Typography.Text type="secondary">{plan.closingNote}</Typography.Text>
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DateInput value={due} onChange={(v) => setDue(v ?? '')} aria-label={t('dueOn')} style={{ width: 160 }} />
        <Button size="small" disabled={!due} onClick={() => add.mutate()}>
          {t('addFollowUp')}
        </Button>
      </Space>
      <Space wrap>
        <Input
          value={result}
          onChange={(e) => setResult(e.target.value)}
          placeholder={t('result')}
          aria-label={t('result')}
          style={{ width: 240 }}
        />
        <Button size="small" disabled={!next || !result} onClick={() => done.mutate()}>
          {t('done')}
        </Button>
        <Button size="small" danger disabled={!result} onClick={() => close.mutate()}>
          {t('close')}
        </Button>
      </Space>
      <ProblemAlert error={add.error ?? done.error ?? close.error} />
    </Space>
  )
}

export function ImprovementTab() {
  const { t } = useTranslation('ratings')
  const list = usePagedQuery({
    key: ['plans'],
    filters: { overdue: false },
    fetch: ({ overdue, ...query }, signal) =>
      api.GET('/improvement-plans', { params: { query: { ...query, overdue: overdue ? 'true' : undefined } }, signal }).then(ok),
  })
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Switch checked={list.filters.overdue} onChange={(v) => list.setFilter('overdue', v)} aria-label={t('overdueOnly')} />
        <span>{t('overdueOnly')}</span>
      </Space>
      <ProblemAlert error={list.q.error} />
      <PagedTable<ImprovementPlan>
        list={list}
        expandable={{ expandedRowRender: (p) => <FollowUpForm plan={p} /> }}
        columns={[
          { title: t('workshop'), dataIndex: 'workshopName' },
          { title: t('planReason'), dataIndex: 'reason' },
          { title: t('plan'), dataIndex: 'plan', ellipsis: true },
          {
            title: t('followUps'),
            render: (_: unknown, p: ImprovementPlan) => (
              <Space size={4} wrap>
                {p.followUps.map((f) => (
                  <Tag key={f.id} color={f.doneOn ? 'green' : f.overdue ? 'red' : 'blue'} title={f.result ?? undefined}>
                    {f.dueOn}
                    {f.overdue ? ` · ${t('overdue')}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '',
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'open' ? 'orange' : 'default'}>{t(`status.${s}`)}</Tag>,
          },
        ]}
      />
    </Space>
  )
}

