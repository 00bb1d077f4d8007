import { useState } from 'react'
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  Flex,
} from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import type { TrainingSession } from '@gongfang/shared/programme'
import { api, ok, useCan, useMe, type BodyOf } from '../../api/client'
import { rootRegionOf } from '../../api/regions'
import { ProblemAlert } from '../../components/problem-alert'
import { FormModal } from '../../components/form-modal'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { WorkerSelect, WorkshopSelect } from '../ratings/entity-select'
import { thisYear, today as chinaToday } from '@gongfang/shared/clock'
import { useCodeLabels } from '../../components/code-labels'
import { DateInput } from '../../components/date-input'
import { PageHeader } from '../../components/page-header'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { hostsAtOwnWorkshop, seesWorkerPages } from '../../app/homes'

const today = () => chinaToday()
const THIS_YEAR = thisYear()

function useInvalidate() {
  const qc = useQueryClient()
  return () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('training') })
}

function NewSessionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('training')
  const me = useMe().data
  const invalidate = useInvalidate()
  return (
    <FormModal
      open={open}
      title={t('newSession')}
      onClose={onClose}
      save={(v: Record<string, unknown>) =>
        api.POST('/training-sessions', { body: { ...v, workshopId: v.workshopId || undefined } as BodyOf<'/training-sessions'> }).then(ok)}
      onSaved={() => void invalidate()}
      initialValues={{ capacity: 30, sessionDate: today() }}
    >
      <Form.Item name="topic" label={t('topic')} rules={[{ required: true }]}>
        <Input id="session-topic" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="skill"
        label={t('skill')}
        rules={[{ required: true, pattern: /^[a-z][a-z0-9_-]{1,39}$/ }]}
        extra="sorting, packing, livestream, sewing …"
      >
        <Input id="session-skill" />
      </Form.Item>
      <Form.Item name="trainer" label={t('trainer')} rules={[{ required: true }]}>
        <Input id="session-trainer" maxLength={100} />
      </Form.Item>
      <Form.Item name="place" label={t('place')} rules={[{ required: true }]}>
        <Input id="session-place" maxLength={200} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('region')} rules={[{ required: true }]}>
        <RegionPicker id="session-region" rootCode={me ? rootRegionOf(me) : undefined} />
      </Form.Item>
      {hostsAtOwnWorkshop(me) && (
        <Form.Item name="workshopId" label={t('hostWorkshop')}>
          <WorkshopSelect id="session-workshop" />
        </Form.Item>
      )}
      <Space wrap>
        <Form.Item name="sessionDate" label={t('date')} rules={[{ required: true }]}>
          <DateInput id="session-date" />
        </Form.Item>
        <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true }]}>
          <InputNumber id="session-capacity" min={1} max={10000} />
        </Form.Item>
      </Space>
    </FormModal>
  )
}

function SessionDrawer({ session, onClose }: { session?: TrainingSession; onClose: () => void }) {
  const codes = useCodeLabels()
  const { t } = useTranslation('training')
  const { message } = App.useApp()
  const invalidate = useInvalidate()
  const [workerId, setWorkerId] = useState<string>()
  const [checked, setChecked] = useState<string[]>([])
  const q = useQuery({
    queryKey: ['training', 'enrolments', session?.id],
    queryFn: () => api.GET('/training-sessions/{id}/enrolments', { params: { path: { id: session!.id } } }).then(ok),
    enabled: !!session,
  })
  const enrol = useMutation({
    mutationFn: () => api.POST('/training-sessions/{id}/enrolments', { params: { path: { id: session!.id } }, body: { workerId: workerId! } }).then(ok),
    onSuccess: () => {
      setWorkerId(undefined)
      void invalidate()
    },
  })
  const attend = useMutation({
    mutationFn: () =>
      api.POST('/training-sessions/{id}/attendances', { params: { path: { id: session!.id } }, body: {
        workerIds: checked,
      } }).then(ok),
    onSuccess: (r) => {
      void message.success(t('attendanceDone', { n: r.recorded, s: r.skillsAdded }))
      setChecked([])
      void invalidate()
    },
  })
  const held = session ? session.sessionDate <= today() : false
  const enrolOpen = session ? session.sessionDate >= today() : false
  return (
    <Drawer
      open={!!session}
      onClose={onClose}
      title={session ? `${session.topic} · ${session.sessionDate}` : ''}
      size="large"
    >
      {session && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {session.place} · {session.trainer} · {t('skill')}: <Tag>{codes.skill(session.skill)}</Tag>
          </Typography.Text>
          {enrolOpen && (
            <Space wrap style={{ width: '100%' }}>
              <div style={{ width: 260 }}>
                <WorkerSelect
                  id="enrol-worker"
                  value={workerId}
                  onChange={setWorkerId}
                  placeholder={t('workerPlaceholder')}
                  extra={{ region: session.regionCode.slice(0, 9) }}
                />
              </div>
              <Button type="primary" disabled={!workerId} loading={enrol.isPending} onClick={() => enrol.mutate()}>
                {t('enrol')}
              </Button>
            </Space>
          )}
          <ProblemAlert error={q.error ?? enrol.error ?? attend.error} />
          <List
            header={
              <strong>
                {t('enrolments')}（{q.data?.length ?? 0}/{session.capacity}）
              </strong>
            }
            dataSource={q.data ?? []}
            renderItem={(e) => (
              <List.Item>
                {e.attended ? (
                  <Space>
                    <Tag color="green">{t('attended')}</Tag>
                    {e.workerName}
                    <Typography.Text type="secondary">{e.attendedOn}</Typography.Text>
                  </Space>
                ) : (
                  <Checkbox
                    disabled={!held}
                    checked={checked.includes(e.workerId)}
                    onChange={(ev) =>
                      setChecked((c) => (ev.target.checked ? [...c, e.workerId] : c.filter((x) => x !== e.workerId)))
                    }
                  >
                    {e.workerName}
                  </Checkbox>
                )}
              </List.Item>
            )}
          />
          {held && (
            <Button
              type="primary"
              disabled={checked.length === 0}
              loading={attend.isPending}
              onClick={() => attend.mutate()}
            >
              {t('markAttendance')}
            </Button>
          )}
        </Space>
      )}
    </Drawer>
  )
}

function Headcount() {
  const { t } = useTranslation('training')
  const me = useMe().data
  const [region, setRegion] = useState<string | undefined>(me ? rootRegionOf(me) : '33')
  const [year, setYear] = useState<number | undefined>(THIS_YEAR)
  const q = useQuery({
    queryKey: ['training', 'headcount', region, year],
    queryFn: () =>
      api.GET('/training/headcount', { params: { query: { region, year } } }).then(ok),
    enabled: !!region,
  })
  const rows = q.data ? [...q.data.children, { ...q.data.total, regionName: `${q.data.total.regionName} Σ` }] : []
  return (
    <Card title={t('headcount')} size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <RegionPicker value={region} onChange={setRegion} allowClear={false} style={{ width: 200 }} />
        <Select
          aria-label={t('year')}
          value={year ?? 0}
          onChange={(v) => setYear(v || undefined)}
          style={{ width: 120 }}
          options={[
            { value: 0, label: t('allYears') },
            ...[0, 1, 2].map((i) => ({ value: THIS_YEAR - i, label: THIS_YEAR - i })),
          ]}
        />
      </Space>
      <ProblemAlert error={q.error} />
      <ListTable
        rowKey="regionCode"
        loading={q.isLoading}
        dataSource={rows}
        data-testid="training-headcount"
        columns={[
          { title: t('region'), dataIndex: 'regionName' },
          { title: t('trainedWorkers'), dataIndex: 'trainedWorkers', align: 'right' },
          { title: t('attendances'), dataIndex: 'attendances', align: 'right' },
          { title: t('sessionsCount'), dataIndex: 'sessions', align: 'right' },
        ]}
      />
    </Card>
  )
}

/** A worker on a phone: the sessions near them, big buttons to enrol. */
function WorkerSessions() {
  const { t } = useTranslation('training')
  const me = useMe().data!
  const invalidate = useInvalidate()
  const q = useQuery({
    queryKey: ['training', 'sessions', 'mine'],
    queryFn: () => api.GET('/training-sessions', { params: { query: { from: today(), pageSize: 50 } } }).then(ok),
  })
  const enrol = useMutation({
    mutationFn: (id: string) => api.POST('/training-sessions/{id}/enrolments', { params: { path: { id } }, body: { workerId: me.workerId! } }).then(ok),
    onSuccess: () => void invalidate(),
  })
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={q.error ?? enrol.error} />
      {(q.data?.items ?? []).map((s) => (
        <Card key={s.id} size="small" title={<span style={{ fontSize: 18 }}>{s.topic}</span>}>
          <Typography.Paragraph style={{ fontSize: 16, marginBottom: 8 }}>
            {s.sessionDate} · {s.place}
            <br />
            {t('trainer')}: {s.trainer}
            <br />
            {t('enrolled')}: {s.enrolled}/{s.capacity}
          </Typography.Paragraph>
          <Button
            block
            size="large"
            type="primary"
            disabled={s.mine || s.enrolled >= s.capacity}
            loading={enrol.isPending && enrol.variables === s.id}
            onClick={() => enrol.mutate(s.id)}
          >
            {s.mine ? t('enrolled_ok') : s.enrolled >= s.capacity ? t('full') : t('enrolMe')}
          </Button>
        </Card>
      ))}
    </Space>
  )
}

export default function TrainingPage() {
  const codes = useCodeLabels()
  const { t } = useTranslation('training')
  const me = useMe().data
  const can = useCan()
  const mobile = useIsMobile()
  const [open, setOpen] = useState(false)
  const [selected, setSelected] = useState<TrainingSession>()
  const list = usePagedQuery({
    key: ['training', 'sessions'],
    filters: {},
    fetch: (query, signal) => api.GET('/training-sessions', { params: { query }, signal }).then(ok),
    enabled: !!me && !seesWorkerPages(me),
  })
  if (!me) return null
  if (seesWorkerPages(me))
    return (
      <Flex vertical gap={12}>
        <PageHeader title={t('title')} />
        <WorkerSessions />
      </Flex>
    )
  const canManage = can('training.sessions.manage')
  return (
    <Flex vertical gap={12}>
    <PageHeader title={t('title')} />
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card
          title={t('sessions')}
          extra={
            canManage && (
              <Button type="primary" onClick={() => setOpen(true)} data-testid="new-session">
                {t('newSession')}
              </Button>
            )
          }
        >
          <ProblemAlert error={list.q.error} />
          <PagedTable<TrainingSession>
            list={list}
            columns={[
              { title: t('date'), dataIndex: 'sessionDate', width: 110 },
              {
                title: t('topic'),
                dataIndex: 'topic',
                render: (v: string, s) => (canManage ? <a onClick={() => setSelected(s)}>{v}</a> : v),
              },
              ...(mobile
                ? []
                : [
                    { title: t('skill'), dataIndex: 'skill', render: (v: string) => <Tag>{codes.skill(v)}</Tag> },
                    { title: t('place'), dataIndex: 'place' },
                  ]),
              { title: t('enrolled'), render: (_: unknown, s: TrainingSession) => `${s.enrolled}/${s.capacity}` },
              { title: t('attended'), dataIndex: 'attended', align: 'right' as const },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Headcount />
      </Col>
      <NewSessionModal open={open} onClose={() => setOpen(false)} />
      <SessionDrawer session={selected} onClose={() => setSelected(undefined)} />
    </Row>
    </Flex>
  )
}
