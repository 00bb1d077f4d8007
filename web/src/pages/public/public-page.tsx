import { Button } from 'antd'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../components/language-switch'
import { MonthRange } from '../../components/month-range'
import { ProblemAlert } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { defaultPeriod, mapFileFor, usePublicSummary } from '../cockpit/api'
import { Panel, PublicChildrenTable, PublicFigureCards, PublicRegionMap } from './public-parts'

const secondary = { color: 'rgba(0,0,0,0.45)' }

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
  const withRegion = (code: string) => {
    const next = new URLSearchParams(params)
    next.set('region', code)
    return next.toString()
  }
  const data = summary.data
  return (
    <div style={{ minHeight: '100vh', background: '#faf7f5' }}>
      <header
        style={{
          background: '#b7312c',
          minHeight: 64,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
          padding: mobile ? '8px 12px' : '8px 24px',
        }}
      >
        <h1 style={{ color: '#fff', fontSize: mobile ? 16 : 20, fontWeight: 600, margin: 0, lineHeight: 1.3 }}>
          {t('public.title')}
        </h1>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexShrink: 0 }}>
          <LanguageSwitch />
          <Button size="small" onClick={() => navigate('/login')}>
            {t('public.login')}
          </Button>
        </div>
      </header>
      <main
        style={{
          padding: mobile ? 12 : 24,
          maxWidth: 1400,
          margin: '0 auto',
          display: 'flex',
          flexDirection: 'column',
          gap: 12,
        }}
      >
        <span style={secondary}>{t('public.subtitle')}</span>
        <div
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}
        >
          <nav aria-label={t('public.path')} data-testid="public-breadcrumb">
            <ol style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 8, margin: 0, padding: 0 }}>
              {(data?.path ?? []).map((p, i, all) => (
                <li key={p.code} style={{ display: 'flex', gap: 8 }}>
                  {i > 0 && (
                    <span aria-hidden="true" style={secondary}>
                      /
                    </span>
                  )}
                  {i < all.length - 1 ? (
                    <a
                      href={`?${withRegion(p.code)}`}
                      style={{ color: '#b7312c' }}
                      onClick={(e) => {
                        e.preventDefault()
                        set({ region: p.code })
                      }}
                    >
                      {p.name}
                    </a>
                  ) : (
                    <strong aria-current="page">{p.name}</strong>
                  )}
                </li>
              ))}
            </ol>
          </nav>
          <MonthRange
            from={from}
            to={to}
            first={`${Number(def.to.slice(0, 4)) - 4}-01`}
            last={def.to}
            fromLabel={t('public.fromMonth')}
            toLabel={t('public.toMonth')}
            onChange={(f, tt) => set({ from: f, to: tt })}
          />
        </div>
        {summary.error ? <ProblemAlert error={summary.error} /> : null}
        {data && <PublicFigureCards figures={data.figures} />}
        <span style={{ ...secondary, fontSize: 12 }}>{t('suppressedHint')}</span>
        {data && mapFileFor(data.region.code) && (
          <Panel title={`${t('map')} · ${t('figures.workshopsOperating')}`}>
            <PublicRegionMap
              region={data.region.code}
              items={data.children}
              figure="workshopsOperating"
              onPick={(code) => set({ region: code })}
            />
          </Panel>
        )}
        {data && data.children.length > 0 && (
          <Panel title={t('children')}>
            <PublicChildrenTable items={data.children} onDrill={(code) => set({ region: code })} />
          </Panel>
        )}
      </main>
    </div>
  )
}
