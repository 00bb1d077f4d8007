import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd'
import { EyeOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { DISABILITY_CONSENT_PURPOSES, REVEAL_REASONS, type DisabilityConsentPurpose, type RevealReason, type Worker } from '@gongfang/shared/registry'
import { api, ok, useCan } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { HistoryList } from '../workshops/registry-parts'
import { formatFen } from '../../components/money'
import { useRegistryLabels } from '../workshops/workshops-page'
import { AccountCard } from '../payments/account-card'
import { TabbedPage } from '../../components/tabbed-page'

/** How long revealed numbers stay on screen: long enough to copy into a bank form, not to be left open. */
const REVEAL_SECONDS = 60

function Reveal({ id }: { id: string }) {
  const { t, i18n } = useTranslation('registry')
  const [open, setOpen] = useState(false)
  const [left, setLeft] = useState(0)
  const [form] = Form.useForm<{ reasonCode: RevealReason; reason?: string }>()
  const code = Form.useWatch('reasonCode', form)
  const m = useMutation({
    mutationFn: (v: { reasonCode: RevealReason; reason?: string }) => api.POST('/workers/{id}/reveal', { params: { path: { id } }, body: { ...v, reason: v.reason || undefined } }).then(ok),
    onSuccess: () => setLeft(REVEAL_SECONDS),
  })
  const close = () => {
    setOpen(false)
    setLeft(0)
    m.reset()
  }
  useEffect(() => {
    if (!m.data) return
    if (left <= 0) return close()
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000)
    return () => clearTimeout(timer)
  }, [left, m.data])
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)}>{t('worker.reveal')}</Button>
      <Modal open={open} onCancel={close} footer={null} title={t('worker.reveal')} destroyOnHidden>
        {m.data ? (
          <Alert
            type="warning"
            title={t('worker.revealed')}
            description={
              <>
                <div style={{ fontFamily: 'monospace' }} data-testid="revealed">{m.data.idNumber}<br />{m.data.phone}</div>
                <div style={{ marginTop: 8 }} data-testid="reveal-countdown">{t('worker.revealHides', { n: left })}</div>
              </>
            }
          />
        ) : (
          <Form form={form} layout="vertical" initialValues={{ reasonCode: 'pay-by-bank' }} onFinish={(v) => m.mutate(v)}>
            <Form.Item name="reasonCode" label={t('worker.revealReason')} rules={[{ required: true }]}>
              <Select options={Object.entries(REVEAL_REASONS).map(([value, l]) => ({ value, label: i18n.language.startsWith('zh') ? l.zh : l.en }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('worker.revealWords')} rules={[{ required: code === 'other', min: 2, max: 200 }]}><Input /></Form.Item>
            <ProblemAlert error={m.error} />
            <Button type="primary" htmlType="submit" loading={m.isPending}>{t('worker.reveal')}</Button>
          </Form>
        )}
      </Modal>
    </>
  )
}

function LowIncome({ w }: { w: Worker }) {
  const { t } = useTranslation('registry')
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const action = w.lowIncome ? 'leave' : 'enter'
  const m = useMutation({
    mutationFn: (v: { on: dayjs.Dayjs }) => api.POST('/workers/{id}/low-income', { params: { path: { id: w.id } }, body: { action, on: v.on.format('YYYY-MM-DD') } }).then(ok),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['worker', w.id] })
      void qc.invalidateQueries({ queryKey: ['registry-history'] })
      setOpen(false)
    },
  })
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{t(`worker.${action}`)}</Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t(`worker.${action}`)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ on: dayjs() }}>
          <Form.Item name="on" label={t('worker.on')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <ProblemAlert error={m.error} />
          <Button type="primary" htmlType="submit" loading={m.isPending}>{t('common.save')}</Button>
        </Form>
      </Modal>
    </>
  )
}

/** The consent behind a disability grade (date, purpose, witness), and the worker's withdrawal of it. */
function Consent({ w, canEdit }: { w: Worker; canEdit: boolean }) {
  const { t, i18n } = useTranslation('registry')
  const qc = useQueryClient()
  const c = w.disabilityConsent
  const m = useMutation({
    mutationFn: () => api.POST('/workers/{id}/disability-consents/withdraw', { params: { path: { id: w.id } }, body: { on: dayjs().format('YYYY-MM-DD') } }).then(ok),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['worker', w.id] })
      void qc.invalidateQueries({ queryKey: ['registry-history'] })
    },
  })
  if (!c) return <span data-testid="consent">{t('worker.consentNone')}</span>
  const purpose = DISABILITY_CONSENT_PURPOSES[c.purpose as DisabilityConsentPurpose]
  const words = purpose ? (i18n.language === 'en' ? purpose.en : purpose.zh) : c.purpose
  return (
    <Space wrap data-testid="consent">
      <span>{t('worker.consentLine', { on: c.givenOn, purpose: c.purposeNote ?? words, witness: c.witness })}</span>
      {canEdit && (
        <Popconfirm title={t('worker.consentWithdrawConfirm')} okText={t('worker.consentWithdraw')} cancelText={t('common.cancel')} onConfirm={() => m.mutate()}>
          <Button size="small" danger loading={m.isPending}>{t('worker.consentWithdraw')}</Button>
        </Popconfirm>
      )}
      <ProblemAlert error={m.error} />
    </Space>
  )
}

export default function WorkerDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const q = useQuery({ queryKey: ['worker', id], queryFn: () => api.GET('/workers/{id}', { params: { path: { id } } }).then(ok) })
  const w = q.data
  const can = useCan()
  const canEdit = can('workers.update')
  return (
    <TabbedPage
      title={w?.name ?? ''}
      loading={q.isLoading}
      error={q.error}
      items={
        w && [
        {
          key: 'detail',
          label: t('common.detail'),
          children: (
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('worker.idNumber')}>
                <Space wrap><span style={{ fontFamily: 'monospace' }} data-testid="id-number">{w.idNumber}</span>{w.idNumberMasked && <><Tag>{t('worker.masked')}</Tag><Reveal id={w.id} /></>}</Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('worker.phone')}>{w.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('worker.sex')}>{t(`sexes.${w.sex}`)}</Descriptions.Item>
              {/* Beside a masked ID the API gives the age only (the birth date would rebuild the number). */}
              {w.birthDate ? (
                <Descriptions.Item label={t('worker.birthDate')}>{w.birthDate} ({w.age})</Descriptions.Item>
              ) : (
                <Descriptions.Item label={t('worker.age')}><span data-testid="age">{w.age}</span></Descriptions.Item>
              )}
              <Descriptions.Item label={t('worker.village')}>{w.regionName} ({w.regionCode})</Descriptions.Item>
              <Descriptions.Item label={t('worker.household')}>{w.household ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('worker.lowIncome')}>
                <Space wrap>{w.lowIncome ? <Tag color="gold">{t('common.yes')}</Tag> : t('common.no')}{can('workers.low-income') && <LowIncome w={w} />}</Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('worker.periods')}>{w.lowIncomePeriods.map((p) => `${p.startOn} – ${p.endOn ?? ''}`).join('；') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('worker.disabilityGrade')}>{w.disabilityGrade ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('worker.consent')}><Consent w={w} canEdit={canEdit} /></Descriptions.Item>
              <Descriptions.Item label={t('worker.skills')}>{w.skills.map((s) => <Tag key={s}>{L.skill(s)}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('worker.hours')}>{w.availability?.hoursPerDay ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('worker.baseline')}>{formatFen(w.baselineMonthlyIncomeFen)} {w.baselineSource && `（${w.baselineSource}）`}</Descriptions.Item>
              <Descriptions.Item label={t('worker.memberships')} span={2}>
                {w.memberships.map((m) => <div key={m.id}><Link to={`/workshops/${m.workshopId}`}>{m.workshopName}</Link> {m.startOn} – {m.endOn ?? ''}</div>)}
              </Descriptions.Item>
            </Descriptions>
          ),
        },
        { key: 'account', label: t('payments:accountCard.tab'), children: <AccountCard workerId={w.id} workerName={w.name} /> },
        { key: 'history', label: t('common.history'), children: <HistoryList register="workers" id={w.id} /> },
        ]
      }
    />
  )
}
