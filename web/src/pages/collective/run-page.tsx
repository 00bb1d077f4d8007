import { App, Alert, Button, Card, Descriptions, Popconfirm, Spin, Table, Tag, Typography } from 'antd'
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useRouteRecord } from '../../api/use-route-record'
import type { ProfitSharingLine } from '@gongfang/shared/collective'
import { aroundKeys, confirmRun, deleteRun, exportRun, fetchRun } from '../../api/around'
import { Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { Page } from '../../components/page'

export default function RunPage() {
  const { t } = useTranslation('collective')
  const { message } = App.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { id, q: run } = useRouteRecord(aroundKeys.run, fetchRun)
  const done = async () => { await qc.invalidateQueries({ queryKey: ['around'] }) }
  const confirm = useMutation({ mutationFn: () => confirmRun(id), onSuccess: async () => { message.success(t('run.confirmed')); await done() } })
  const remove = useMutation({ mutationFn: () => deleteRun(id), onSuccess: async () => { message.success(t('run.deleted')); await done(); navigate('/profit-sharing') } })
  const r = run.data
  if (run.error) return <ProblemAlert error={run.error} />
  if (!r) return <Spin />
  const draft = r.status === 'draft'
  return (
    <Page
      title={<>{r.title} <Tag color={draft ? 'orange' : 'green'} data-testid="run-status">{t(`sharing.statuses.${r.status}`)}</Tag></>}
      extra={<>
        <Button onClick={() => navigate('/profit-sharing')}>{t('run.back')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => exportRun(id)}>{t('run.export')}</Button>
        <Button icon={<PrinterOutlined />} onClick={() => navigate(`/profit-sharing/${id}/print`)}>{t('run.print')}</Button>
        {draft && (
          <Popconfirm title={t('run.confirmAsk')} onConfirm={() => confirm.mutate()}>
            <Button type="primary" loading={confirm.isPending} data-testid="confirm-run">{t('run.confirm')}</Button>
          </Popconfirm>
        )}
        {draft && <Button danger onClick={() => remove.mutate()} loading={remove.isPending}>{t('run.delete')}</Button>}
      </>}
      gap={16}
    >
      {(confirm.error || remove.error) && <ProblemAlert error={confirm.error ?? remove.error} />}
      {!draft && <Alert type="success" showIcon title={t('run.immutable')} />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('income.collective')}>{r.collectiveName}</Descriptions.Item>
          <Descriptions.Item label={t('sharing.period')}>{r.period}</Descriptions.Item>
          <Descriptions.Item label={t('sharing.total')}><Money fen={r.totalFen} /></Descriptions.Item>
          <Descriptions.Item label={t('sharing.households')}>{r.households}</Descriptions.Item>
          <Descriptions.Item label={t('sharing.totalShares')}>{r.totalShares}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('sharing.roundingNote')}</Typography.Paragraph>
      </Card>
      <Table<ProfitSharingLine>
        rowKey="memberId"
        size="small"
        scroll={{ x: 360 }}
        dataSource={r.lines}
        pagination={{ pageSize: 50, showSizeChanger: false, size: 'small' }}
        columns={[
          { title: t('run.seq'), dataIndex: 'seq', width: 60 },
          { title: t('sharing.householdNo'), dataIndex: 'householdNo', width: 90 },
          { title: t('sharing.headName'), dataIndex: 'headName' },
          { title: t('sharing.shares'), dataIndex: 'shares', align: 'right', width: 70 },
          { title: t('run.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>{t('run.sum')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{r.totalShares}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><Money fen={r.lines.reduce((a, l) => a + l.amountFen, 0)} /></Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Page>
  )
}
