import { useState } from 'react'
import { Button, Card, Drawer, Flex, Form, Input, List, Modal, Space, Tag, Timeline, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok, useMe, useCan, type BodyOf } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { ordersKey, useOrderAction } from './api'

const COLOR: Record<string, string> = { open: 'gold', mediating: 'blue', resolved: 'green', withdrawn: 'default' }

function DisputeDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('orders')
  const me = useMe().data
  const can = useCan()
  const dispute = useQuery({ queryKey: [...ordersKey, 'dispute', id], queryFn: ({ signal }) => api.GET('/disputes/{id}', { params: { path: { id } }, signal }).then(ok) })
  const [note, setNote] = useState('')
  const [outcome, setOutcome] = useState('')
  const params = { path: { id } }
  const act = useOrderAction(
    (a: { to: 'notes'; body: BodyOf<'/disputes/{id}/notes'> } | { to: 'mediator' } | { to: 'status'; body: BodyOf<'/disputes/{id}/status'> }) =>
      a.to === 'notes'
        ? api.POST('/disputes/{id}/notes', { params, body: a.body })
        : a.to === 'mediator'
          ? api.POST('/disputes/{id}/mediator', { params, body: {} })
          : api.POST('/disputes/{id}/status', { params, body: a.body }),
  )
  const d = dispute.data
  const closed = d?.status === 'resolved' || d?.status === 'withdrawn'
  const staff = can('disputes.mediate')
  return (
    <Drawer open onClose={onClose} title={d?.title} size="large">
      {dispute.isError && <ProblemAlert error={dispute.error} />}
      {d && (
        <Flex vertical gap={12}>
          <Space wrap>
            <Tag color={COLOR[d.status]}>{t(`disputes.status.${d.status}`)}</Tag>
            <span>{t('disputes.mediator')}: {d.mediatorName ?? '—'}</span>
          </Space>
          <Typography.Paragraph>{d.description}</Typography.Paragraph>
          {d.outcome && <Typography.Paragraph strong>{t('disputes.outcome')}: {d.outcome}</Typography.Paragraph>}
          <Typography.Title level={5}>{t('disputes.notes')}</Typography.Title>
          <Timeline items={d.notes.map((n) => ({ key: n.id, content: `${new Date(n.at).toLocaleString()} · ${n.authorName ?? ''}：${n.body}` }))} />
          {!closed && (
            <>
              <Space.Compact>
                <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('disputes.addNote')} />
                <Button disabled={!note.trim()} onClick={() => act.mutateAsync({ to: 'notes', body: { body: note } }).then(() => setNote(''))}>{t('disputes.addNote')}</Button>
              </Space.Compact>
              <Space wrap>
                {staff && d.status === 'open' && <Button type="primary" onClick={() => act.mutate({ to: 'mediator' })}>{t('disputes.take')}</Button>}
                {d.status === 'mediating' && (d.mediatorUserId === me?.id || staff) && (
                  <Space.Compact>
                    <Input value={outcome} onChange={(e) => setOutcome(e.target.value)} placeholder={t('disputes.outcome')} />
                    <Button type="primary" disabled={!outcome.trim()} onClick={() => act.mutate({ to: 'status', body: { status: 'resolved', outcome } })}>{t('disputes.resolve')}</Button>
                  </Space.Compact>
                )}
                <Button danger onClick={() => act.mutate({ to: 'status', body: { status: 'withdrawn' } })}>{t('disputes.withdraw')}</Button>
              </Space>
            </>
          )}
          {act.isError && <ProblemAlert error={act.error} />}
        </Flex>
      )}
    </Drawer>
  )
}

/** Disputes about one order: parties open them, township staff mediate, everyone in scope reads the dated notes. */
export function DisputesCard({ orderId }: { orderId: string }) {
  const { t } = useTranslation('orders')
  const list = useQuery({ queryKey: [...ordersKey, 'disputes', orderId], queryFn: ({ signal }) => api.GET('/disputes', { params: { query: { orderId } }, signal }).then(ok) })
  const [opening, setOpening] = useState(false)
  const [shown, setShown] = useState<string | null>(null)
  const [form] = Form.useForm()
  const create = useOrderAction((v: Pick<BodyOf<'/disputes'>, 'title' | 'description'>) => api.POST('/disputes', { body: { subject: 'order', orderId, ...v } }).then(ok))
  return (
    <Card size="small" title={t('disputes.title')} extra={<Button size="small" onClick={() => setOpening(true)}>{t('disputes.open')}</Button>}>
      <List
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('disputes.none') }}
        renderItem={(d) => (
          <List.Item key={d.id} onClick={() => setShown(d.id)} style={{ cursor: 'pointer' }} extra={<Tag color={COLOR[d.status]}>{t(`disputes.status.${d.status}`)}</Tag>}>
            <List.Item.Meta title={d.title} description={`${d.openedByName ?? ''} · ${chinaDate(new Date(d.createdAt))}${d.mediatorName ? ` · ${t('disputes.mediator')} ${d.mediatorName}` : ''}`} />
          </List.Item>
        )}
      />
      {opening && (
        <Modal open title={t('disputes.open')} onCancel={() => setOpening(false)} onOk={() => form.submit()} confirmLoading={create.isPending}>
          <Form
            form={form}
            layout="vertical"
            onFinish={async (v) => {
              await create.mutateAsync(v)
              setOpening(false)
              form.resetFields()
            }}
          >
            <Form.Item name="title" label={t('disputes.titleField')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="description" label={t('disputes.description')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
            {create.isError && <ProblemAlert error={create.error} />}
          </Form>
        </Modal>
      )}
      {shown && <DisputeDrawer id={shown} onClose={() => setShown(null)} />}
    </Card>
  )
}
