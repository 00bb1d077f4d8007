import { useState } from 'react'
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Rate, Select, Space, Tag, Typography } from 'antd'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import type { Rating } from '@gongfang/shared/programme'
import { api, ok } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { FormModal } from '../../components/form-modal'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { WorkshopSelect } from './entity-select'
import { DateInput } from '../../components/date-input'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { THIS_YEAR, YEARS, formatRaw, useInvalidate } from './ratings-shared'

function RateModal({ open, onClose, county }: { open: boolean; onClose: () => void; county?: string }) {
  const { t, i18n } = useTranslation('ratings')
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [year, setYear] = useState(THIS_YEAR)
  const workshopId = Form.useWatch('workshopId', form) as string | undefined
  const [wsCounty, setWsCounty] = useState<string | undefined>(county)
  const ws = useQuery({
    queryKey: ['ratings', 'ws', workshopId],
    queryFn: () => api.GET('/workshops/{id}', { params: { path: { id: workshopId! } } }).then(ok),
    enabled: !!workshopId,
  })
  const c = ws.data?.regionCode.slice(0, 6) ?? wsCounty
  const criteria = useQuery({
    queryKey: ['criteria', c],
    queryFn: () => api.GET('/rating-criteria/{county}', { params: { path: { county: c! } } }).then(ok),
    enabled: !!c,
  })
  const manual = (criteria.data?.criteria ?? []).filter((d) => d.kind === 'manual' && d.weight > 0)
  const invalidate = useInvalidate()
  const save = useMutation({
    mutationFn: (v: { workshopId: string; manual: Record<string, { score: number; note: string }>; note?: string }) =>
      api.POST('/ratings', { body: {
        workshopId: v.workshopId,
        year,
        note: v.note || undefined,
        // An item left empty goes without a score: the server answers with a field error the form shows.
        manual: manual.map((d) => ({ key: d.key, score: v.manual?.[d.key]?.score as number, note: v.manual?.[d.key]?.note as string })),
      } }).then(ok),
    onSuccess: (r) => {
      void message.success(t('rated', { stars: r.stars, score: r.score }))
      void invalidate()
      form.resetFields()
      setWsCounty(undefined)
      onClose()
    },
  })
  return (
    <Modal
      open={open}
      title={t('rateTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rate')}
      okButtonProps={{ 'data-testid': 'rate-submit' } as Record<string, string>}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('rateHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Space wrap>
          <Form.Item label={t('year')}>
            <Select
              value={year}
              onChange={setYear}
              options={YEARS.map((y) => ({ value: y, label: y }))}
              style={{ width: 100 }}
            />
          </Form.Item>
        </Space>
        <Form.Item name="workshopId" label={t('workshop')} rules={[{ required: true }]}>
          <WorkshopSelect id="rate-workshop" placeholder={t('workshopPlaceholder')} />
        </Form.Item>
        {manual.map((d) => (
          <Space key={d.key} align="start" wrap style={{ width: '100%' }}>
            <Form.Item
              name={['manual', d.key, 'score']}
              label={`${i18n.language === 'en' ? d.labelEn : d.labelZh}（${d.weight}）`}
              rules={[{ required: true }]}
            >
              <InputNumber id={`manual-${d.key}-score`} min={0} max={100} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item
              name={['manual', d.key, 'note']}
              label={t('note')}
              rules={[{ required: true }]}
              style={{ minWidth: 280 }}
            >
              <Input id={`manual-${d.key}-note`} placeholder={t('notePlaceholder')} maxLength={500} />
            </Form.Item>
          </Space>
        ))}
        <ProblemAlert error={save.error} />
      </Form>
    </Modal>
  )
}

function RatingDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('ratings')
  const q = useQuery({
    queryKey: ['ratings', 'detail', id],
    queryFn: () => api.GET('/ratings/{id}', { params: { path: { id: id! } } }).then(ok),
    enabled: !!id,
  })
  const r = q.data
  return (
    <Drawer open={!!id} onClose={onClose} title={r ? `${r.workshopName} · ${r.year}` : t('detail')} size="large">
      <ProblemAlert error={q.error} />
      {r && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('score')}>{r.score}</Descriptions.Item>
            <Descriptions.Item label={t('stars')}>
              <Rate disabled value={r.stars} />
            </Descriptions.Item>
            <Descriptions.Item label={t('countyRank')}>{r.countyRank}</Descriptions.Item>
            <Descriptions.Item label={t('cityRank')}>{r.cityRank}</Descriptions.Item>
            <Descriptions.Item label={t('ratedBy')}>{r.ratedByName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ratedAt')}>{r.ratedAt.slice(0, 10)}</Descriptions.Item>
          </Descriptions>
          <ListTable
            rowKey="key"
            dataSource={r.scores}
            columns={[
              { title: t('criterion'), render: (_, s) => (i18n.language === 'en' ? s.labelEn : s.labelZh) },
              {
                title: t('kind'),
                dataIndex: 'kind',
                render: (k: string) => <Tag color={k === 'computed' ? 'blue' : 'gold'}>{t(k)}</Tag>,
              },
              { title: t('weight'), dataIndex: 'weight', align: 'right' },
              { title: t('rawValue'), align: 'right', render: (_, s) => formatRaw(s.unit, s.rawValue, t) },
              { title: t('score'), align: 'right', render: (_, s) => (s.rawValue === null ? '—' : s.score) },
              { title: t('note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  )
}

function NominateModal({ rating, onClose }: { rating?: Rating; onClose: () => void }) {
  const { t } = useTranslation('ratings')
  const invalidate = useInvalidate()
  return (
    <FormModal
      open={!!rating}
      title={`${t('nominateTitle')} · ${rating?.workshopName ?? ''}`}
      onClose={onClose}
      save={(v: { reason: string }) =>
        api.POST('/demonstration-nominations', { body: {
          workshopId: rating!.workshopId,
          year: rating!.year,
          reason: v.reason,
        } }).then(ok)}
      onSaved={() => void invalidate()}
    >
      <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
        <Input.TextArea id="nominate-reason" rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  )
}

function PlanModal({ rating, onClose }: { rating?: Rating; onClose: () => void }) {
  const { t } = useTranslation('ratings')
  const invalidate = useInvalidate()
  return (
    <FormModal
      open={!!rating}
      title={`${t('planTitle')} · ${rating?.workshopName ?? ''}`}
      onClose={onClose}
      save={(v: { reason: string; plan: string; first?: string; second?: string }) =>
        api.POST('/improvement-plans', { body: {
          workshopId: rating!.workshopId,
          year: rating!.year,
          reason: v.reason,
          plan: v.plan,
          followUps: [v.first, v.second].filter((d): d is string => !!d),
        } }).then(ok)}
      onSaved={() => void invalidate()}
      initialValues={{ reason: rating ? `${rating.year} ${rating.stars}★ ${rating.score}` : '' }}
    >
      <Form.Item name="reason" label={t('planReason')} rules={[{ required: true }]}>
        <Input id="plan-reason" maxLength={1000} />
      </Form.Item>
      <Form.Item name="plan" label={t('plan')} rules={[{ required: true }]}>
        <Input.TextArea id="plan-text" rows={4} maxLength={4000} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="first" label={t('followUps')}>
          <DateInput id="plan-first" />
        </Form.Item>
        <Form.Item name="second" label=" ">
          <DateInput id="plan-second" />
        </Form.Item>
      </Space>
    </FormModal>
  )
}

export function RatingsTab() {
  const { t } = useTranslation('ratings')
  const mobile = useIsMobile()
  const [rateOpen, setRateOpen] = useState(false)
  const [detail, setDetail] = useState<string>()
  const [nominate, setNominate] = useState<Rating>()
  const [improve, setImprove] = useState<Rating>()
  const list = usePagedQuery({
    key: ['ratings'],
    filters: { year: THIS_YEAR, region: undefined as string | undefined, maxStars: undefined as number | undefined },
    fetch: (query, signal) => api.GET('/ratings', { params: { query }, signal }).then(ok),
  })
  const { year, region, maxStars } = list.filters
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('year')}
          value={year}
          onChange={(v) => list.setFilter('year', v)}
          options={YEARS.map((y) => ({ value: y, label: y }))}
          style={{ width: 100 }}
        />
        <RegionPicker value={region} onChange={(v) => list.setFilter('region', v)} style={{ width: 220 }} />
        <Select
          aria-label={t('stars')}
          value={maxStars ?? 0}
          onChange={(v) => list.setFilter('maxStars', v || undefined)}
          options={[
            { value: 0, label: t('all') },
            { value: 2, label: `≤ ${t('starsN', { n: 2 })}` },
          ]}
          style={{ width: 120 }}
        />
        <Button type="primary" onClick={() => setRateOpen(true)} data-testid="rate-button">
          {t('rate')}
        </Button>
      </Space>
      <ProblemAlert error={list.q.error} onRetry={() => void list.q.refetch()} />
      <PagedTable<Rating>
        list={list}
        columns={[
          { title: t('countyRank'), dataIndex: 'countyRank', width: 80, align: 'right' },
          {
            title: t('workshop'),
            dataIndex: 'workshopName',
            render: (n: string, r) => <a onClick={() => setDetail(r.id)}>{n}</a>,
          },
          ...(mobile ? [] : [{ title: t('region'), dataIndex: 'regionName' }]),
          { title: t('score'), dataIndex: 'score', align: 'right' as const },
          {
            title: t('stars'),
            dataIndex: 'stars',
            render: (s: number) => <Rate disabled value={s} style={{ fontSize: 14 }} />,
          },
          ...(mobile
            ? []
            : [
                { title: t('cityRank'), dataIndex: 'cityRank', align: 'right' as const },
                { title: t('provinceRank'), dataIndex: 'provinceRank', align: 'right' as const },
              ]),
          {
            title: '',
            render: (_: unknown, r: Rating) =>
              r.demonstration ? (
                <Tag
                  color={
                    r.demonstration === 'approved' ? 'red' : r.demonstration === 'nominated' ? 'orange' : 'default'
                  }
                >
                  {t(`demoStatus.${r.demonstration}`)}
                </Tag>
              ) : r.stars >= 4 ? (
                <Button size="small" onClick={() => setNominate(r)}>
                  {t('nominate')}
                </Button>
              ) : r.stars <= 2 ? (
                <Button size="small" danger onClick={() => setImprove(r)}>
                  {t('toImprove')}
                </Button>
              ) : null,
          },
        ]}
      />
      <RateModal
        open={rateOpen}
        onClose={() => setRateOpen(false)}
        county={region && region.length >= 6 ? region.slice(0, 6) : undefined}
      />
      <RatingDrawer id={detail} onClose={() => setDetail(undefined)} />
      <NominateModal rating={nominate} onClose={() => setNominate(undefined)} />
      <PlanModal rating={improve} onClose={() => setImprove(undefined)} />
    </Space>
  )
}

