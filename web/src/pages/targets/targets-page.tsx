import { useState } from 'react'
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { thisYear } from '@gongfang/shared/clock'
import { ListTable } from '../../components/card-table'
import { TARGET_FIGURES, type CoverageMapRow, type CoverageRow } from '@gongfang/shared/programme'
import { api, ok, useMe, useCan, type BodyOf } from '../../api/client'
import { useExportJob } from '../../components/export-job'
import { rootRegionOf } from '../../api/regions'
import { ProblemAlert } from '../../components/problem-alert'
import { FormModal } from '../../components/form-modal'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { Page } from '../../components/page'
import { PagedTable, usePagedQuery } from '../../components/paged-table'

const THIS_YEAR = thisYear()

/** The coverage list's filters as the API (and its export) takes them. */
function coverageQuery(f: { region?: string; level: 'township' | 'village'; missingOnly: boolean; mountainOnly: boolean }) {
  return {
    region: f.region,
    level: f.level,
    missingOnly: f.missingOnly ? ('true' as const) : undefined,
    mountainOnly: f.mountainOnly ? ('true' as const) : undefined,
  }
}

function TargetModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('targets')
  return (
    <FormModal
      open={open}
      title={t('setTarget')}
      onClose={onClose}
      save={(v: Record<string, unknown>) => api.PUT('/targets', { body: { ...v, note: v.note || undefined } as BodyOf<'/targets', 'put'> }).then(ok)}
      refresh={['targets']}
      initialValues={{ year: THIS_YEAR, figure: 'operating_workshops' }}
    >
      <Form.Item name="regionCode" label={t('region')} rules={[{ required: true }]}>
        <RegionPicker id="target-region" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="year" label={t('year')} rules={[{ required: true }]}>
          <InputNumber id="target-year" min={2018} max={2100} />
        </Form.Item>
        <Form.Item name="figure" label={t('figure')} rules={[{ required: true }]}>
          <Select
            id="target-figure"
            style={{ width: 260 }}
            options={TARGET_FIGURES.map((f) => ({ value: f, label: t(`figures.${f}`) }))}
          />
        </Form.Item>
        <Form.Item name="value" label={t('value')} rules={[{ required: true }]}>
          <InputNumber id="target-value" min={0} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('note')}>
        <Input id="target-note" maxLength={500} />
      </Form.Item>
    </FormModal>
  )
}

function Targets() {
  const { t } = useTranslation('targets')
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [year, setYear] = useState<number>(THIS_YEAR)
  const q = useQuery({
    queryKey: ['targets', year],
    queryFn: ({ signal }) => api.GET('/targets', { params: { query: { year, pageSize: 100 } }, signal }).then(ok),
  })
  const del = useMutation({
    mutationFn: (id: string) => api.DELETE('/targets/{id}', { params: { path: { id } } }).then(ok),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['targets'] }),
  })
  return (
    <Card
      title={t('targets')}
      extra={
        <Space>
          <Select
            aria-label={t('year')}
            value={year}
            onChange={setYear}
            options={[0, 1, 2, -1].map((i) => ({ value: THIS_YEAR - i, label: THIS_YEAR - i }))}
            style={{ width: 100 }}
          />
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('setTarget')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={q.error ?? del.error} />
      <ListTable
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: true }}
        data-testid="targets-table"
        columns={[
          { title: t('region'), dataIndex: 'regionName' },
          { title: t('figure'), dataIndex: 'figure', render: (f: string) => t(`figures.${f}`) },
          { title: t('value'), dataIndex: 'value', align: 'right' },
          { title: t('actual'), dataIndex: 'actual', align: 'right' },
          {
            title: t('progress'),
            dataIndex: 'progressPct',
            width: 180,
            render: (p: number) => <Progress percent={Math.min(100, p)} format={() => `${p}%`} size="small" />,
          },
          { title: t('note'), dataIndex: 'note' },
          {
            title: '',
            // The server says which rows the caller may remove (county staff and above, in their own area).
            render: (_, r) =>
              r.canDelete ? (
                <Popconfirm title={t('removeConfirm')} okText={t('remove')} okButtonProps={{ danger: true }} onConfirm={() => del.mutateAsync(r.id)}>
                  <Button size="small" type="link" danger data-testid="target-remove">
                    {t('remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <TargetModal open={open} onClose={() => setOpen(false)} />
    </Card>
  )
}

/** A place's name, marked when it lies in one of the 26 mountain counties. */
function MountainName({ name, mountain }: { name: string; mountain: boolean }) {
  const { t } = useTranslation('targets')
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {name}
      {mountain && (
        <Tag color="green" style={{ marginInlineStart: 4 }} title={t('mountain')}>
          {t('mountainShort')}
        </Tag>
      )}
    </span>
  )
}

function Coverage() {
  const { t } = useTranslation('targets')
  const me = useMe().data
  const can = useCan()
  const mobile = useIsMobile()
  const list = usePagedQuery({
    key: ['coverage'],
    filters: { region: (me ? rootRegionOf(me) : '33') as string | undefined, level: 'township' as 'township' | 'village', missingOnly: true, mountainOnly: false },
    fetch: (f, signal) => api.GET('/coverage', { params: { query: { ...coverageQuery(f), page: f.page, pageSize: f.pageSize } }, signal }).then(ok),
    enabled: (f) => !!f.region,
  })
  const { region, level } = list.filters
  const map = useQuery({
    queryKey: ['coverage', 'map', region],
    queryFn: () => api.GET('/coverage/map', { params: { query: { region } } }).then(ok),
    enabled: !!region && region.length < 12,
  })
  // A province-wide village list is large: exported as a server job with progress (errors show in its modal).
  const exportJob = useExportJob()
  const exp = (format: 'xlsx' | 'csv') => exportJob.start('coverage', { ...coverageQuery(list.filters), format })
  return (
    <Card title={t('coverage')}>
      {exportJob.modal}
      <Typography.Paragraph type="secondary">{t('coverageHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionPicker value={region} onChange={(v) => list.setFilter('region', v)} allowClear={false} style={{ width: 220 }} />
        <Segmented
          value={level}
          onChange={(v) => list.setFilter('level', v as 'township' | 'village')}
          options={[
            { value: 'township', label: t('township') },
            { value: 'village', label: t('village') },
          ]}
        />
        {(['missingOnly', 'mountainOnly'] as const).map((name) => (
          <Space key={name} size={4}>
            <Switch checked={list.filters[name]} onChange={(v) => list.setFilter(name, v)} aria-label={t(name)} />
            {t(name)}
          </Space>
        ))}
        {can('targets.coverage.export') && (
          <>
            <Button onClick={() => void exp('xlsx')}>{t('exportXlsx')}</Button>
            <Button onClick={() => void exp('csv')}>{t('exportCsv')}</Button>
          </>
        )}
      </Space>
      <ProblemAlert error={list.q.error} />
      {list.q.data && (
        <Typography.Paragraph strong data-testid="coverage-summary">
          {t('summary', { places: list.q.data.places, covered: list.q.data.covered, missing: list.q.data.missing })}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <PagedTable<CoverageRow>
            list={list}
            rowKey="code"
            data-testid="coverage-table"
            columns={[
              ...(mobile ? [] : [{ title: t('code'), dataIndex: 'code' }]),
              {
                title: t('name'),
                dataIndex: 'name',
                render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span>,
              },
              {
                title: t('county'),
                dataIndex: 'countyName',
                render: (n: string, r: CoverageRow) => <MountainName name={n} mountain={r.mountain} />,
              },
              { title: t('operating'), dataIndex: 'operatingWorkshops', align: 'right' as const },
              {
                title: '',
                dataIndex: 'covered',
                render: (c: boolean) => <Tag color={c ? 'green' : 'red'}>{c ? t('covered') : t('notCovered')}</Tag>,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <ListTable
            rowKey="code"
            title={() => <strong>{t('byRegion')}</strong>}
            loading={map.isLoading}
            dataSource={map.data?.children}
            scroll={{ x: true }}
            columns={[
              {
                title: t('name'),
                dataIndex: 'name',
                render: (n: string, r: CoverageMapRow) => <MountainName name={n} mountain={r.mountain} />,
              },
              {
                title: t('coveredTownships'),
                render: (_: unknown, r: CoverageMapRow) => `${r.coveredTownships}/${r.townships}`,
              },
              {
                title: t('progress'),
                dataIndex: 'townshipCoveragePct',
                width: 140,
                render: (p: number) => <Progress percent={p} size="small" status={p >= 100 ? 'success' : 'normal'} />,
              },
              { title: t('operating'), dataIndex: 'operatingWorkshops', align: 'right' as const },
            ]}
          />
        </Col>
      </Row>
    </Card>
  )
}

export default function TargetsPage() {
  const { t } = useTranslation('targets')
  return (
    <Page title={t('menu')} gap={16}>
      <Targets />
      <Coverage />
    </Page>
  )
}
