import { useEffect, useState } from 'react'
import { Card, Select, Typography, Flex } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ok } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { Roster } from './roster'
import { PageHeader } from '../../components/page-header'

/** The operator's phone page: their workshop's roster. */
export default function RosterPage() {
  const { t } = useTranslation('registry')
  const q = useQuery({ queryKey: ['workshops', 'mine'], queryFn: () => api.GET('/workshops', { params: { query: { pageSize: 50 } } }).then(ok) })
  const [id, setId] = useState<string>()
  useEffect(() => {
    if (!id && q.data?.items[0]) setId(q.data.items[0].id)
  }, [q.data, id])
  const ws = q.data?.items.find((w) => w.id === id)
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('roster.title')} />
      <Card styles={{ body: { padding: 12 } }}>
      <ProblemAlert error={q.error} />
      {q.data && q.data.items.length > 1 && (
        <Select value={id} onChange={setId} style={{ width: '100%', marginBottom: 12 }} options={q.data.items.map((w) => ({ value: w.id, label: w.name }))} />
      )}
      {ws && <Typography.Title level={5} style={{ marginTop: 0 }}>{ws.name}</Typography.Title>}
      {ws && <Roster workshopId={ws.id} village={ws.regionCode} canEdit />}
    </Card>
    </Flex>
  )
}
