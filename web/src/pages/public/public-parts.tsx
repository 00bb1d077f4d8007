import { useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrendFigure } from '@gongfang/shared/cockpit'
import { SvgMap, type SvgMapRegion } from '../../components/svg-map'
import type { Geometry } from '../../components/geo'
import { useIsMobile } from '../../components/use-is-mobile'
import { mapFileFor, regionOfAdcode, useGeoJson } from '../cockpit/api'
import { formatFen } from '../../components/money'
import {
  CARD_FIGURES,
  formatFigure,
  MONEY_FIGURES,
  suppressedOf,
  TABLE_FIGURES,
  typesText,
  type AnyFigures,
} from '../cockpit/figure-format'

// The public page's cards, map and table without ECharts or antd's Table, Card, Statistic and Tooltip (together
// about 300 KB of script gzip): anyone may open /public, often on a phone, so it draws them in plain SVG and HTML.

export interface PublicChild {
  code: string
  name: string
  level: string
  figures: AnyFigures
}

/** The big-number cards as the cockpit shows them (figure-cards.tsx), without a target; the exact yuan in the title. */
export function PublicFigureCards({ figures }: { figures: AnyFigures }) {
  const { t, i18n } = useTranslation('cockpit')
  const suppressed = suppressedOf(figures)
  return (
    <div
      data-testid="cockpit-cards"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }}
    >
      {CARD_FIGURES.map((key) => {
        const value = figures[key] as number | null
        return (
          <div
            key={key}
            data-figure={key}
            style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
          >
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 14, marginBottom: 4 }}>{t(`figures.${key}`)}</div>
            <div
              style={{
                fontSize: 'clamp(18px, 5vw, 22px)',
                fontWeight: 600,
                fontVariantNumeric: 'tabular-nums',
                color: 'rgba(0,0,0,0.88)',
              }}
              title={value != null && MONEY_FIGURES.has(key) ? formatFen(value) : undefined}
            >
              {formatFigure(key, value, i18n.language, suppressed.includes(key))}
            </div>
            {key === 'workshopsOperating' && (
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{typesText(figures, t)}</div>
            )}
          </div>
        )
      })}
    </div>
  )
}

/** A titled white box, as antd's small Card draws it. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8 }}>
      <h2 style={{ margin: 0, padding: '8px 12px', fontSize: 14, fontWeight: 600, borderBottom: '1px solid #f0f0f0' }}>
        {title}
      </h2>
      <div style={{ padding: 12 }}>{children}</div>
    </section>
  )
}

const figureText = (key: string, c: PublicChild | undefined, lang: string) =>
  formatFigure(
    key,
    (c?.figures[key as keyof AnyFigures] as number | null | undefined) ?? null,
    lang,
    !!c && suppressedOf(c.figures).includes(key),
  )

/** Zhejiang by city or a city by county as SVG, coloured by one figure; a click or Enter on a place drills in. */
export function PublicRegionMap({
  region,
  items,
  figure,
  onPick,
}: {
  region: string
  items: PublicChild[]
  figure: TrendFigure
  onPick: (code: string) => void
}) {
  const { t, i18n } = useTranslation('cockpit')
  const mobile = useIsMobile()
  const file = mapFileFor(region)
  const geo = useGeoJson(file)
  const regions = useMemo<SvgMapRegion[]>(
    () =>
      (geo.data?.features ?? []).map((f) => ({
        code: regionOfAdcode(f.properties.adcode, file === '330000'),
        name: f.properties.name,
        geometry: f.geometry as Geometry,
      })),
    [geo.data, file],
  )
  const byCode = useMemo(() => new Map(items.map((c) => [c.code, c])), [items])
  const height = mobile ? 300 : 440
  if (!file) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('mapNone')}</span>
  if (!geo.data) return <div style={{ height }} />
  return (
    <div data-testid="cockpit-map" data-map={file}>
      <SvgMap
        regions={regions.map((r) => ({ ...r, name: byCode.get(r.code)?.name ?? r.name }))}
        valueOf={(code) => (byCode.get(code)?.figures[figure] as number | null | undefined) ?? null}
        format={(v, code) =>
          code ? figureText(figure, byCode.get(code), i18n.language) : formatFigure(figure, v ?? 0, i18n.language)
        }
        title={`${t('map')} · ${t(`figures.${figure}`)}`}
        figureName={t(`figures.${figure}`)}
        onPick={onPick}
        height={height}
        labelSize={mobile ? 9 : 11}
      />
    </div>
  )
}

type TableFigure = (typeof TABLE_FIGURES)[number]

const linkButton = {
  background: 'none',
  border: 0,
  padding: 0,
  font: 'inherit',
  color: '#b7312c',
  cursor: 'pointer',
  textAlign: 'left',
} as const
const cell = { padding: '6px 8px', borderBottom: '1px solid #f0f0f0', whiteSpace: 'nowrap' } as const

/** The child places and their figures as a plain table; the name column stays put while the figures scroll sideways. */
export function PublicChildrenTable({ items, onDrill }: { items: PublicChild[]; onDrill: (code: string) => void }) {
  const { t, i18n } = useTranslation('cockpit')
  // A figure's header sorts by it, largest first, then smallest first, then back to the API's order; withheld ("<5") and missing figures count as -1.
  const [sort, setSort] = useState<{ key: TableFigure; desc: boolean } | null>(null)
  const toggle = (key: TableFigure) =>
    setSort((s) => (s?.key !== key ? { key, desc: true } : s.desc ? { key, desc: false } : null))
  const rows = useMemo(() => {
    if (!sort) return items
    const v = (c: PublicChild) => (c.figures[sort.key] as number | null) ?? -1
    return [...items].sort((a, b) => (sort.desc ? v(b) - v(a) : v(a) - v(b)))
  }, [items, sort])
  return (
    <div style={{ overflowX: 'auto' }}>
      <table
        data-testid="cockpit-children"
        style={{ borderCollapse: 'collapse', width: '100%', fontSize: 14, fontVariantNumeric: 'tabular-nums' }}
      >
        <thead>
          <tr style={{ background: '#fafafa' }}>
            <th scope="col" style={{ ...cell, textAlign: 'left', position: 'sticky', left: 0, background: '#fafafa' }}>
              {t('name')}
            </th>
            {TABLE_FIGURES.map((key) => (
              <th
                key={key}
                scope="col"
                aria-sort={sort?.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}
                style={{ ...cell, textAlign: 'right', fontWeight: 600 }}
              >
                <button
                  type="button"
                  style={{ ...linkButton, color: 'inherit', fontWeight: 600 }}
                  onClick={() => toggle(key)}
                >
                  {t(`figures.${key}`)}
                  <span aria-hidden="true" style={{ display: 'inline-block', width: 12, color: '#b7312c' }}>
                    {sort?.key === key ? (sort.desc ? '↓' : '↑') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} data-row-key={row.code}>
              <th
                scope="row"
                style={{ ...cell, textAlign: 'left', fontWeight: 400, position: 'sticky', left: 0, background: '#fff' }}
              >
                {row.level === 'workshop' ? (
                  row.name
                ) : (
                  <button type="button" style={linkButton} onClick={() => onDrill(row.code)}>
                    {row.name}
                  </button>
                )}
              </th>
              {TABLE_FIGURES.map((key) => (
                <td key={key} style={{ ...cell, textAlign: 'right' }}>
                  {figureText(key, row, i18n.language)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
