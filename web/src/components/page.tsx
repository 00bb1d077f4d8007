import type { ReactNode } from 'react'
import { Space, Tabs, Typography, type TabsProps } from 'antd'
import { PageHeader, type PageCrumb } from './page-header'

/**
 * The usual staff page: the header, an optional one-line intro in grey, then the page's blocks one under the
 * other with an even gap. `tabs` lays the page out as tabs, each drawn only while it is open (a tab loads its own
 * data); TabbedPage instead puts the tabs of one record in a card.
 */
export function Page({ title, extra, parents, testId, intro, gap = 12, tabs, children }: {
  title: ReactNode
  extra?: ReactNode
  parents?: readonly PageCrumb[]
  testId?: string
  /** A sentence under the title saying what the page is for. */
  intro?: ReactNode
  /** Space between the blocks, in pixels. */
  gap?: number
  tabs?: TabsProps['items']
  children?: ReactNode
}) {
  return (
    <Space orientation="vertical" size={gap} style={{ width: '100%' }}>
      <PageHeader title={title} extra={extra} parents={parents} testId={testId} />
      {intro && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{intro}</Typography.Paragraph>}
      {tabs && <Tabs destroyOnHidden items={tabs} />}
      {children}
    </Space>
  )
}
