import { Breadcrumb, Button, Card, Flex, Layout, Space, Typography } from 'antd'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../components/language-switch'
import { MonthRange } from '../../components/month-range'
import { ProblemAlert } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { defaultPeriod, mapFileFor, usePublicSummary } from '../cockpit/api'
import { ChildrenTable, FigureCards, RegionMap } from '../cockpit/cockpit-figures'

/** /public: the programme's achievements by region, no login, small person cells withheld by the API. */
export default function PublicPage() {
  const { t } = useTranslation('cockpit')
  const navigate = useNavigate()
  const mobile = useIsMobile()
  const [params, setParams] = useSearchParams()
  const def = defaultPeriod()
  const region = params.get('region') ?? '33'
  const from = params.get('from') ?? def.from
  const to = params.get('to') ?? def.to
  const summary = usePublicSummary({ region, from, to })
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) next.set(k, v)
    setParams(next)
  }
  const data = summary.data
  return (
    <Layout style={{ minHeight: '100vh', background: '#faf7f5' }}>
      <Layout.Header style={{ background: '#b7312c', display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: mobile ? '0 12px' : '0 24px' }}>
        <Typography.Text style={{ color: '#fff', fontSize: mobile ? 16 : 20, fontWeight: 600 }}>{t('public.title')}</Typography.Text>
        <Space>
          <LanguageSwitch />
          <Button size="small" onClick={() => navigate('/login')}>
            {t('public.login')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: mobile ? 12 : 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('public.subtitle')}</Typography.Text>
          <Flex wrap gap={8} justify="space-between" align="center">
            <Breadcrumb
              data-testid="public-breadcrumb"
              items={(data?.path ?? []).map((p, i, all) => ({
                key: p.code,
                title: i < all.length - 1 ? <a onClick={() => set({ region: p.code })}>{p.name}</a> : <strong>{p.name}</strong>,
              }))}
            />
            <MonthRange
              from={from}
              to={to}
              first={`${Number(def.to.slice(0, 4)) - 4}-01`}
              last={def.to}
              fromLabel={t('public.fromMonth')}
              toLabel={t('public.toMonth')}
              onChange={(f, tt) => set({ from: f, to: tt })}
            />
          </Flex>
          {summary.error ? <ProblemAlert error={summary.error} /> : null}
          {data && <FigureCards figures={data.figures} />}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('suppressedHint')}
          </Typography.Text>
          {data && mapFileFor(data.region.code) && (
            <Card size="small" title={`${t('map')} · ${t('figures.workshopsOperating')}`}>
              <RegionMap region={data.region.code} items={data.children} figure="workshopsOperating" onPick={(code) => set({ region: code })} />
            </Card>
          )}
          {data && data.children.length > 0 && (
            <Card size="small" title={t('children')}>
              <ChildrenTable items={data.children} onDrill={(code) => set({ region: code })} />
            </Card>
          )}
        </Flex>
      </Layout.Content>
    </Layout>
  )
}
