import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { problemParts } from '../components/problem-parts'
import './light.css'

/**
 * The few pieces the phone homes of workers and operators are built from, in plain markup and light.css: antd's
 * Card, Typography, Tag, Skeleton, Alert and Empty brought ≈ 100 KB of script to a page that shows a few figures.
 */
export function LightCard({ title, extra, children, testId, large = false }: {
  title?: ReactNode
  /** A link at the right of the title. */
  extra?: ReactNode
  children: ReactNode
  testId?: string
  large?: boolean
}) {
  return (
    <section className="gf-l-card" data-testid={testId}>
      {title !== undefined && (
        <header>
          <h2 style={large ? { fontSize: 20 } : undefined}>{title}</h2>
          {extra}
        </header>
      )}
      <div className="body">{children}</div>
    </section>
  )
}

export type TagColor = 'default' | 'orange' | 'green' | 'gold'

export function LightTag({ color = 'default', children, style, testId }: { color?: TagColor; children: ReactNode; style?: React.CSSProperties; testId?: string }) {
  return (
    <span className={`gf-l-tag ${color}`} style={style} data-testid={testId}>
      {children}
    </span>
  )
}

/** A grey block where figures will be, while they load. */
export function LightLoading({ rows = 1 }: { rows?: number }) {
  const { t } = useTranslation()
  return <div className="gf-l-loading" role="status" aria-label={t('region.loading')} style={{ height: 24 + rows * 24 }} />
}

export function LightEmpty({ children }: { children: ReactNode }) {
  return <div className="gf-l-empty">{children}</div>
}

/** An API error as ProblemAlert shows it (title, detail, field errors), without antd's Alert. */
export function LightProblem({ error }: { error: unknown }) {
  const { t } = useTranslation()
  if (!error) return null
  const { title, detail, fields } = problemParts(error, t)
  return (
    <div className="gf-l-alert" role="alert">
      <strong>{title}</strong>
      {detail && <div>{detail}</div>}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => <li key={f}>{f}</li>)}
        </ul>
      )}
    </div>
  )
}

/** The page's one h1 (the phone homes have no breadcrumb: they are the top of the tree). */
export function LightTitle({ children, large = false }: { children: ReactNode; large?: boolean }) {
  return (
    <header data-testid="page-header" data-path="/">
      <h1 className={`gf-l-h1${large ? ' large' : ''}`}>{children}</h1>
    </header>
  )
}
