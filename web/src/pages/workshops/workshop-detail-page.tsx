import { useState } from 'react'
import { useParams } from 'react-router'
import { Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Timeline } from 'antd'
import dayjs from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { WORKSHOP_STATUS_NEXT, type Workshop } from '@gongfang/shared/registry'
import { api, ok, useCan, type BodyOf } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { HistoryList } from './registry-parts'
import { Roster } from './roster'
import { STATUS_COLOR, useRegistryLabels } from './workshops-page'
import { TabbedPage } from '../../components/tabbed-page'

function StatusModal({ ws, open, onClose }: { ws: Workshop; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const qc = useQueryClient()
  const m = useMutation({
    mutationFn: (v: { status: BodyOf<'/workshops/{id}/status'>['status']; effectiveOn: dayjs.Dayjs; note?: string }) =>
      api.POST('/workshops/{id}/status', { params: { path: { id: ws.id } }, body: { ...v, effectiveOn: v.effectiveOn.format('YYYY-MM-DD') } }).then(ok),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['workshop', ws.id] })
      void qc.invalidateQueries({ queryKey: ['registry-history'] })
      onClose()
    },
  })
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('workshop.changeStatus')} destroyOnHidden>
      <Form layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ effectiveOn: dayjs() }}>
        <Form.Item name="status" label={t('workshop.status')} rules={[{ required: true }]}>
          <Select options={WORKSHOP_STATUS_NEXT[ws.status].map((s) => ({ value: s, label: L.status(s) }))} />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('workshop.effectiveOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={t('workshop.note')}><Input /></Form.Item>
        <ProblemAlert error={m.error} />
        <Button type="primary" htmlType="submit" loading={m.isPending} style={{ marginTop: 12 }}>{t('common.save')}</Button>
      </Form>
    </Modal>
  )
}

export default function WorkshopDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const [statusOpen, setStatusOpen] = useState(false)
  const q = useQuery({ queryKey: ['workshop', id], queryFn: () => api.GET('/workshops/{id}', { params: { path: { id } } }).then(ok) })
  const sh = useQuery({ queryKey: ['workshop', id, 'status'], queryFn: () => api.GET('/workshops/{id}/status-history', { params: { path: { id } } }).then(ok) })
  const ws = q.data
  const can = useCan()
  const staff = can('workshops.status')
  const canRoster = can('workshops.roster')
  return (
    <TabbedPage
      title={ws?.name ?? ''}
      loading={q.isLoading}
      error={q.error}
      items={
        ws && [
        {
          key: 'detail',
          label: t('common.detail'),
          children: (
            <>
              <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('workshop.type')}>{L.type(ws.type)}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.status')}>
                  <Space><Tag color={STATUS_COLOR[ws.status]}>{L.status(ws.status)}</Tag>{staff && WORKSHOP_STATUS_NEXT[ws.status].length > 0 && <Button size="small" onClick={() => setStatusOpen(true)}>{t('workshop.changeStatus')}</Button>}</Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('workshop.village')}>{ws.regionName} ({ws.regionCode})</Descriptions.Item>
                <Descriptions.Item label={t('workshop.collective')}>{ws.collectiveName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.operator')}>{ws.operatorName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.address')}>{ws.address ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.capacity')}>{ws.dailyCapacity}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.places')}>{ws.workerPlaces}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.members')}>{ws.memberCount}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.openedOn')}>{ws.openedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.skills')}>{ws.skills.map((s) => <Tag key={s}>{L.skill(s)}</Tag>)}</Descriptions.Item>
                <Descriptions.Item label={t('workshop.enterprises')}>{ws.enterprises.map((e) => <Tag key={e.id}>{e.name}</Tag>)}</Descriptions.Item>
              </Descriptions>
              <Card size="small" title={t('workshop.statusHistory')} style={{ marginTop: 16 }}>
                <Timeline items={(sh.data ?? []).map((s, i) => ({ key: i, color: STATUS_COLOR[s.status] === 'default' ? 'gray' : STATUS_COLOR[s.status], children: `${s.effectiveOn} · ${L.status(s.status)}${s.note ? ` · ${s.note}` : ''}` }))} />
              </Card>
              {staff && <StatusModal ws={ws} open={statusOpen} onClose={() => setStatusOpen(false)} />}
            </>
          ),
        },
        { key: 'roster', label: t('workshop.roster'), children: <Roster workshopId={ws.id} village={ws.regionCode} canEdit={canRoster} /> },
        { key: 'history', label: t('common.history'), children: <HistoryList register="workshops" id={ws.id} /> },
        ]
      }
    />
  )
}
