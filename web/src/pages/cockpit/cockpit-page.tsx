import { useState } from 'react'
import { App, Breadcrumb, Button, Card, Col, DatePicker, Flex, Row, Select } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { DemoLoadBanner } from '../../components/demo-load-banner'
import { TREND_FIGURES, type TrendFigure } from '@gongfang/shared/cockpit'
import { ApiError, api, download } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { defaultPeriod, mapFileFor, useCockpitChildren, useCockpitSummary, useCockpitTrend } from './api'
import { ChildrenTable, CountyMap, FigureCards, RegionMap, TrendChart } from './cockpit-parts'
import { PageHeader } from '../../components/page-header'

/** 驾驶舱: the programme's figures for the staff member's area, drilled down on a map and in a table. */
export default function CockpitPage() {
  const { t } = useTranslation('cockpit')
  const { message } = App.useApp()
  const mobile = useIsMobile()
  const [params, setParams] = useSearchParams()
  const def = defaultPeriod()
  const region = params.get('region') ?? undefined
  const from = params.get('from') ?? def.from
  const to = params.get('to') ?? def.to
  const figure = (params.get('figure') as TrendFigure | null) ?? 'wagesFen'
  const q = { region, from, to }
  const summary = useCockpitSummary(q)
  const children = useCockpitChildren(q)
  const trend = useCockpitTrend(q, figure)
  const [exporting, setExporting] = useState(false)
  const navigate = useNavigate()

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v)
    else next.delete(k)
    setParams(next)
  }
  const drill = (code: string) => set({ region: code })
  const current = summary.data?.region.code ?? region ?? ''

  const onExport = async () => {
    setExporting(true)
    try {
      await download(api.GET('/cockpit/export.xlsx', { params: { query: { region: current, from, to } }, parseAs: 'blob' }), 'cockpit.xlsx')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e))
    } finally {
      setExporting(false)
    }
  }

  const error = summary.error ?? children.error
  const hasMap = !!current && !!mapFileFor(current)
  // Below the city there are no boundaries to colour: the county's outline with its workshops instead.
  const countyMap = current.length >= 6
  const figureSelect = (
    <Select<TrendFigure>
      size="small"
      style={{ width: mobile ? 130 : 170 }}
      value={figure}
      aria-label={t('mapFigure')}
      onChange={(v) => set({ figure: v })}
      options={TREND_FIGURES.map((f) => ({ value: f, label: t(`figures.${f}`) }))}
    />
  )
  return (
    <Flex vertical gap={12}>
      <DemoLoadBanner />
      <PageHeader
        title={`${t('title')}${summary.data ? ` · ${summary.data.region.name}` : ''}`}
        extra={<>
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
            onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') })}
            style={{ width: mobile ? 220 : 240 }}
          />
          <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} data-testid="cockpit-export">
            {exporting ? t('exporting') : t('export')}
          </Button>
        </>}
      />
      {/* The region trail drills the cockpit itself; the page's own breadcrumb is in the header. */}
      <Breadcrumb
        data-testid="cockpit-breadcrumb"
        items={(summary.data?.path ?? []).map((p, i, all) => ({
          key: p.code,
          title:
            i < all.length - 1 ? (
              <a onClick={() => drill(p.code)}>{p.name}</a>
            ) : (
              <span>{p.name}</span>
            ),
        }))}
      />
      {error ? <ProblemAlert error={error} /> : null}
      {summary.data && <FigureCards figures={summary.data.figures} targets={summary.data.targets} />}
      <Row gutter={[12, 12]}>
        {hasMap && (
          <Col xs={24} xl={14}>
            <Card size="small" title={t('map')} extra={figureSelect}>
              <RegionMap region={current} items={children.data?.items ?? []} figure={figure} onPick={drill} />
            </Card>
          </Col>
        )}
        {countyMap && (
          <Col xs={24} xl={14}>
            <Card size="small" title={t('mapCounty')}>
              <CountyMap region={current} onOpen={(id) => navigate(`/workshops/${id}`)} />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={hasMap || countyMap ? 10 : 24}>
          <Card size="small" title={`${t('trend')} · ${t(`figures.${figure}`)}`} extra={hasMap ? undefined : figureSelect}>
            {/* Drawn anew when the map column appears beside it: a chart first sized across the full width kept that
                width and pushed the page sideways once the summary (and with it the map) arrived. */}
            {trend.data && <TrendChart key={hasMap || countyMap ? 'beside-map' : 'full'} series={trend.data.series} figure={figure} />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`${t('children')}${children.data ? ` · ${t(`childLevels.${children.data.childLevel}`)}` : ''}`}>
        <ChildrenTable items={children.data?.items ?? []} loading={children.isFetching} onDrill={drill} linkWorkshops />
      </Card>
    </Flex>
  )
}
