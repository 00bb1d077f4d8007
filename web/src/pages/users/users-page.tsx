import { useState } from 'react'
import { Alert, Button, Card, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '@gongfang/shared'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok } from '../../api/client'
import { CardTable } from '../../components/card-table'
import { ProblemAlert } from '../../components/problem-alert'
import { Page } from '../../components/page'

interface UserEntry {
  id: string
  username: string
  displayName: string
  role: Role
  regionCode: string | null
  regionName: string | null
  disabled: boolean
  mustChangePassword: boolean
  sessions: number
  lastLoginAt: string | null
}

/** 账号管理 (administrator): find an account, reset its password (shown once, changed at next login), disable it. */
export default function UsersPage() {
  const { t } = useTranslation('home')
  const qc = useQueryClient()
  const [page, setPage] = useState(1)
  const [q, setQ] = useState('')
  const [role, setRole] = useState<Role>()
  const filters = { q: q.trim() || undefined, role }
  const list = useQuery({ queryKey: ['users', filters, page], queryFn: ({ signal }) => api.GET('/users', { params: { query: { ...filters, page, pageSize: 20 } }, signal }).then(ok) })
  const reset = useMutation({
    mutationFn: (u: UserEntry) => api.POST('/users/{id}/reset-password', { params: { path: { id: u.id } } }).then(ok),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  })
  const disable = useMutation({
    mutationFn: (u: UserEntry) => api.POST('/users/{id}/disabled', { params: { path: { id: u.id } }, body: { disabled: !u.disabled } }).then(ok),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  })
  return (
    <Page title={t('users.title')} intro={t('users.intro')}>
      <Card size="small">
        <Space wrap>
          <Input.Search allowClear placeholder={t('users.search')} style={{ width: 220 }} onSearch={(v) => { setQ(v); setPage(1) }} data-testid="users-search" />
          <Select<Role>
            allowClear
            placeholder={t('users.role')}
            style={{ width: 140 }}
            value={role}
            onChange={(v) => { setRole(v); setPage(1) }}
            options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
        </Space>
      </Card>
      <ProblemAlert error={list.error ?? reset.error ?? disable.error} />
      <CardTable<UserEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', render: (v: string, u) => <Space size={4} wrap><span translate="no">{v}</span>{u.disabled && <Tag color="red">{t('users.disabled')}</Tag>}{u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}</Space> },
          { title: t('users.name'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: Role) => t(`common:roles.${r}`) },
          { title: t('users.region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? chinaDate(new Date(v)) : t('users.never')) },
          { title: t('users.devices'), dataIndex: 'sessions', align: 'right' },
          {
            title: t('users.actions'),
            key: 'actions',
            render: (_: unknown, u) => (
              <Space wrap>
                <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} okText={t('users.reset')} cancelText={t('common:actions.cancel')} onConfirm={() => reset.mutate(u)}>
                  <Button size="small" loading={reset.isPending && reset.variables?.id === u.id}>{t('users.reset')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.displayName })}
                  okText={t(u.disabled ? 'users.enable' : 'users.disable')}
                  cancelText={t('common:actions.cancel')}
                  onConfirm={() => disable.mutate(u)}
                >
                  <Button size="small" danger={!u.disabled}>{t(u.disabled ? 'users.enable' : 'users.disable')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!reset.data}
        title={t('users.resetDone', { username: reset.data?.username ?? '' })}
        onOk={() => reset.reset()}
        onCancel={() => reset.reset()}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('users.copied')}
      >
        <Alert type="warning" showIcon title={t('users.onceOnly')} style={{ marginBottom: 12 }} />
        <Typography.Text copyable code style={{ fontSize: 22 }} data-testid="temporary-password">{reset.data?.temporaryPassword}</Typography.Text>
      </Modal>
    </Page>
  )
}
