import { useState } from 'react'
import { Button, Card, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Expert, TechProblem } from '@gongfang/shared/programme'
import { api, ok, useMe, useCan, type BodyOf, type QueryOf } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { FormModal } from '../../components/form-modal'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { WorkshopSelect } from '../ratings/entity-select'
import { useCodeLabels } from '../../components/code-labels'
import { TabbedPage } from '../../components/tabbed-page'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { mayBeExpert } from '../../app/homes'

const STATUS_COLOR: Record<string, string> = {
  open: 'orange',
  accepted: 'blue',
  resolved: 'green',
  unresolved: 'default',
  available: 'green',
  busy: 'orange',
  unavailable: 'default',
}

function useInvalidate() {
  const qc = useQueryClient()
  return () => qc.invalidateQueries({ predicate: (q) => ['experts', 'problems'].includes(String(q.queryKey[0])) })
}

function ExpertModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('talent')
  const invalidate = useInvalidate()
  return (
    <FormModal
      open={open}
      title={t('newExpert')}
      onClose={onClose}
      save={(v: Record<string, unknown>) =>
        api.POST('/experts', { body: Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as BodyOf<'/experts'> }).then(ok)}
      onSaved={() => void invalidate()}
      initialValues={{ availability: 'available', skills: [] }}
    >
      <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
        <Input id="expert-name" maxLength={60} />
      </Form.Item>
      <Form.Item name="title" label={t('expertTitle')}>
        <Input id="expert-title" maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label={t('phone')}>
        <Input id="expert-phone" maxLength={11} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('region')} rules={[{ required: true }]}>
        <RegionPicker id="expert-region" />
      </Form.Item>
      <Form.Item name="skills" label={t('skills')} rules={[{ required: true, type: 'array', min: 1 }]}>
        <Select id="expert-skills" mode="tags" placeholder={t('skillsPlaceholder')} open={false} />
      </Form.Item>
      <Form.Item name="availability" label={t('availability')}>
        <Radio.Group
          options={(['available', 'busy', 'unavailable'] as const).map((a) => ({ value: a, label: t(`avail.${a}`) }))}
        />
      </Form.Item>
      <Form.Item name="bio" label={t('bio')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="username" label={t('username')}>
        <Input id="expert-username" maxLength={64} />
      </Form.Item>
    </FormModal>
  )
}

function Experts() {
  const codes = useCodeLabels()
  const { t } = useTranslation('talent')
  const can = useCan()
  const mobile = useIsMobile()
  const [open, setOpen] = useState(false)
  const list = usePagedQuery({
    key: ['experts'],
    filters: { skill: '' },
    fetch: ({ skill, ...query }, signal) => api.GET('/experts', { params: { query: { ...query, skill: skill || undefined } }, signal }).then(ok),
  })
  const staff = can('talent.experts.manage')
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('skill')} onSearch={(v) => list.setFilter('skill', v.trim())} style={{ width: 200 }} />
        {staff && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('newExpert')}
          </Button>
        )}
      </Space>
      <ProblemAlert error={list.q.error} />
      <PagedTable<Expert>
        list={list}
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            render: (n: string, e: Expert) => (
              <Space orientation="vertical" size={0}>
                <strong>{n}</strong>
                <Typography.Text type="secondary">{e.title}</Typography.Text>
              </Space>
            ),
          },
          { title: t('skills'), dataIndex: 'skills', render: (s: string[]) => s.map((x) => <Tag key={x}>{codes.skill(x)}</Tag>) },
          { title: t('region'), dataIndex: 'regionName' },
          {
            title: t('availability'),
            dataIndex: 'availability',
            render: (a: string) => <Tag color={STATUS_COLOR[a]}>{t(`avail.${a}`)}</Tag>,
          },
          ...(mobile
            ? []
            : [
                { title: t('phone'), dataIndex: 'phone' },
                { title: t('resolvedCount'), dataIndex: 'resolvedProblems', align: 'right' as const },
              ]),
        ]}
      />
      <ExpertModal open={open} onClose={() => setOpen(false)} />
    </Space>
  )
}

function PostModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('talent')
  const invalidate = useInvalidate()
  return (
    <FormModal
      open={open}
      title={t('postProblem')}
      onClose={onClose}
      save={(v: Record<string, unknown>) =>
        api.POST('/tech-problems', { body: { ...v, skill: v.skill || undefined } as BodyOf<'/tech-problems'> }).then(ok)}
      onSaved={() => void invalidate()}
    >
      <Form.Item name="workshopId" label={t('workshop')} rules={[{ required: true }]}>
        <WorkshopSelect id="problem-workshop" />
      </Form.Item>
      <Form.Item name="title" label={t('problemTitle')} rules={[{ required: true }]}>
        <Input id="problem-title" maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('description')} rules={[{ required: true }]}>
        <Input.TextArea id="problem-description" rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="skill" label={t('skill')} rules={[{ pattern: /^[a-z][a-z0-9_-]{1,39}$/ }]}>
        <Input id="problem-skill" />
      </Form.Item>
    </FormModal>
  )
}

function AcceptModal({ problem, onClose }: { problem?: TechProblem; onClose: () => void }) {
  const codes = useCodeLabels()
  const { t } = useTranslation('talent')
  const [expertId, setExpertId] = useState<string>()
  const invalidate = useInvalidate()
  const experts = useQuery({
    queryKey: ['experts', 'pick', problem?.skill],
    queryFn: () => api.GET('/experts', { params: { query: { pageSize: 100 } } }).then(ok),
    enabled: !!problem,
  })
  const m = useMutation({
    mutationFn: () => api.POST('/tech-problems/{id}/accept', { params: { path: { id: problem!.id } }, body: { expertId } }).then(ok),
    onSuccess: () => {
      void invalidate()
      setExpertId(undefined)
      onClose()
    },
  })
  return (
    <Modal
      open={!!problem}
      title={`${t('acceptTitle')} · ${problem?.title ?? ''}`}
      onCancel={onClose}
      onOk={() => m.mutate()}
      okButtonProps={{ disabled: !expertId }}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      <Select
        id="accept-expert"
        style={{ width: '100%' }}
        // Opened before the list arrives, the dropdown would re-render under the pointer: wait for it.
        loading={experts.isPending}
        disabled={experts.isPending}
        value={expertId}
        onChange={setExpertId}
        options={(experts.data?.items ?? []).map((e) => ({
          value: e.id,
          label: `${e.name} · ${codes.skills(e.skills, ', ')} · ${t(`avail.${e.availability}`)}`,
          disabled: e.availability === 'unavailable',
        }))}
      />
      <ProblemAlert error={m.error} />
    </Modal>
  )
}

function OutcomeModal({ problem, onClose }: { problem?: TechProblem; onClose: () => void }) {
  const { t } = useTranslation('talent')
  const invalidate = useInvalidate()
  return (
    <FormModal
      open={!!problem}
      title={`${t('outcome')} · ${problem?.title ?? ''}`}
      onClose={onClose}
      save={(v: { resolved: boolean; outcome: string }) =>
        api.POST('/tech-problems/{id}/outcome', { params: { path: { id: problem!.id } }, body: v }).then(ok)}
      onSaved={() => void invalidate()}
      initialValues={{ resolved: true }}
    >
      <Form.Item name="resolved">
        <Radio.Group
          options={[
            { value: true, label: t('resolved') },
            { value: false, label: t('notResolved') },
          ]}
        />
      </Form.Item>
      <Form.Item name="outcome" label={t('outcomeText')} rules={[{ required: true }]}>
        <Input.TextArea id="problem-outcome" rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  )
}

function Problems() {
  const { t } = useTranslation('talent')
  const me = useMe().data
  const can = useCan()
  const [post, setPost] = useState(false)
  const [accept, setAccept] = useState<TechProblem>()
  const [outcome, setOutcome] = useState<TechProblem>()
  const invalidate = useInvalidate()
  const list = usePagedQuery({
    key: ['problems'],
    filters: { status: undefined as QueryOf<'/tech-problems'>['status'] },
    fetch: (query, signal) => api.GET('/tech-problems', { params: { query }, signal }).then(ok),
  })
  const mobile = useIsMobile()
  const staff = can('talent.problems.assign')
  // Workshops post; an expert with a login (an enterprise's or a village's technician) accepts for themself — the API decides.
  const mayTake = mayBeExpert(me)
  const self = useMutation({
    mutationFn: (id: string) => api.POST('/tech-problems/{id}/accept', { params: { path: { id } }, body: {} }).then(ok),
    onSuccess: () => void invalidate(),
  })
  const action = (p: TechProblem) =>
    p.status === 'open' ? (
      staff ? (
        <Button size="small" onClick={() => setAccept(p)}>
          {t('accept')}
        </Button>
      ) : mayTake ? (
        <Button size="small" onClick={() => self.mutate(p.id)}>
          {t('acceptMine')}
        </Button>
      ) : null
    ) : p.status === 'accepted' && (staff || mayTake) ? (
      <Button size="small" type="primary" onClick={() => setOutcome(p)}>
        {t('outcome')}
      </Button>
    ) : null
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="status"
          value={list.filters.status ?? ''}
          onChange={(v) => list.setFilter('status', (v || undefined) as typeof list.filters.status)}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('all') },
            ...(['open', 'accepted', 'resolved', 'unresolved'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            })),
          ]}
        />
        {can('talent.problems.post') && (
          <Button type="primary" onClick={() => setPost(true)} data-testid="post-problem">
            {t('postProblem')}
          </Button>
        )}
      </Space>
      <ProblemAlert error={list.q.error ?? self.error} />
      {mobile ? (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="problem-cards">
          {(list.q.data?.items ?? []).map((p) => (
            <Card
              key={p.id}
              size="small"
              title={<span style={{ fontSize: 16 }}>{p.title}</span>}
              extra={<Tag color={STATUS_COLOR[p.status]}>{t(`status.${p.status}`)}</Tag>}
            >
              <Typography.Paragraph style={{ fontSize: 15, marginBottom: 4 }}>{p.description}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {p.workshopName} · {p.postedAt.slice(0, 10)}
                {p.expertName ? ` · ${t('expert')}: ${p.expertName}` : ''}
              </Typography.Text>
              {p.outcome && (
                <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }}>
                  <strong>{t('outcomeText')}：</strong>
                  {p.outcome}
                </Typography.Paragraph>
              )}
              <div style={{ marginTop: 8 }}>{action(p)}</div>
            </Card>
          ))}
        </Space>
      ) : (
        <PagedTable<TechProblem>
          list={list}
          expandable={{
            expandedRowRender: (p) => (
              <Typography.Paragraph style={{ margin: 0 }}>
                {p.description}
                {p.outcome && (
                  <>
                    <br />
                    <strong>{t('outcomeText')}：</strong>
                    {p.outcome}
                  </>
                )}
              </Typography.Paragraph>
            ),
          }}
          columns={[
            { title: t('problemTitle'), dataIndex: 'title' },
            { title: t('workshop'), dataIndex: 'workshopName' },
            {
              title: t('status.open'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag>,
            },
            { title: t('expert'), dataIndex: 'expertName', render: (n: string | null) => n ?? '—' },
            { title: t('postedAt'), dataIndex: 'postedAt', render: (d: string) => d.slice(0, 10) },
            { title: '', render: (_: unknown, p: TechProblem) => action(p) },
          ]}
        />
      )}
      <PostModal open={post} onClose={() => setPost(false)} />
      <AcceptModal problem={accept} onClose={() => setAccept(undefined)} />
      <OutcomeModal problem={outcome} onClose={() => setOutcome(undefined)} />
    </Space>
  )
}

export default function TalentPage() {
  const { t } = useTranslation('talent')
  return (
    <TabbedPage
      title={t('title')}
      items={[
        { key: 'problems', label: t('problems'), children: <Problems /> },
        { key: 'experts', label: t('experts'), children: <Experts /> },
      ]}
    />
  )
}
