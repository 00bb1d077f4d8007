import type { ReactNode } from 'react'
import { Breadcrumb, Flex, Typography, theme } from 'antd'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useMe } from '../api/client'
import { breadcrumbTrail } from '../app/menu-groups'

export type PageCrumb = { title: ReactNode; path?: string }

/**
 * Every signed-in page opens with this: the breadcrumb (from the menu's structure, never written per page), one
 * h1 and the page's own actions. On a phone the breadcrumb and the actions wrap under the title.
 */
export function PageHeader({ title, extra, parents = [], testId, large = false }: {
  title: ReactNode
  /** Buttons or pickers beside the title. */
  extra?: ReactNode
  /** Steps between the menu's trail and this page, e.g. the order a plan belongs to. */
  parents?: readonly PageCrumb[]
  testId?: string
  /** The worker's elder-friendly pages write everything larger. */
  large?: boolean
}) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const { token } = theme.useToken()
  const role = useMe().data?.role ?? 'worker'
  const items = [
    ...breadcrumbTrail(pathname, { role }).map((c) => ({ title: t(c.label), path: c.path })),
    ...parents,
  ].map((c, i) => ({ key: i, title: c.path ? <Link to={c.path}>{c.title}</Link> : c.title }))
  return (
    <header data-testid="page-header" data-path={pathname} style={{ minWidth: 0 }}>
      <Breadcrumb data-testid="page-breadcrumb" items={items} style={{ overflowWrap: 'anywhere', ...(large && { fontSize: 18 }) }} />
      <Flex wrap align="center" justify="space-between" gap={8} style={{ marginTop: 4, minWidth: 0 }}>
        <Typography.Title
          level={1}
          data-testid={testId}
          style={{ margin: 0, fontSize: large ? token.fontSizeHeading3 : token.fontSizeHeading4, lineHeight: token.lineHeightHeading4, overflowWrap: 'anywhere', minWidth: 0 }}
        >
          {title}
        </Typography.Title>
        {extra && <Flex wrap align="center" gap={8}>{extra}</Flex>}
      </Flex>
    </header>
  )
}
