import { Card, Flex, Tabs, type TabsProps } from 'antd'
import type { ReactNode } from 'react'
import { PageHeader } from './page-header'

/** A page that is only tabs: the header, then one card holding the tabs. */
export function TabbedPage({ title, items }: { title: ReactNode; items: TabsProps['items'] }) {
  return (
    <Flex vertical gap={12}>
      <PageHeader title={title} />
      <Card>
        <Tabs items={items} />
      </Card>
    </Flex>
  )
}
