import { Card, Flex, Tabs, type TabsProps } from 'antd'
import type { ReactNode } from 'react'
import { PageHeader } from './page-header'
import { ProblemAlert } from './problem-alert'

/**
 * A page that is only tabs: the header, then one card holding the tabs. A page of one record passes its query's
 * loading and error, and no items until the record is there.
 */
export function TabbedPage({ title, items, loading, error }: {
  title: ReactNode
  items: TabsProps['items'] | undefined
  loading?: boolean
  error?: unknown
}) {
  return (
    <Flex vertical gap={12}>
      <PageHeader title={title} />
      <Card loading={loading}>
        <ProblemAlert error={error} />
        {items && <Tabs items={items} />}
      </Card>
    </Flex>
  )
}
