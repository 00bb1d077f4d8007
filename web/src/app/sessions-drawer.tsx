import { Button, Drawer, Flex, List, Popconfirm, Tag, Typography } from 'antd'
import { DesktopOutlined, MobileOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok } from '../api/client'
import { ProblemAlert } from '../components/problem-alert'

interface SessionEntry {
  id: string
  createdAt: string
  expiresAt: string
  ip: string | null
  userAgent: string | null
  current: boolean
}

const KEY = ['auth-sessions']

/** A device in words from its user agent: phone or computer, and the browser. */
export function deviceOf(ua: string | null): { phone: boolean; browser: string } {
  const s = ua ?? ''
  const phone = /Mobile|Android|iPhone|iPad/i.test(s)
  const browser =
    /MicroMessenger/i.test(s) ? 'WeChat' : /Edg\//.test(s) ? 'Edge' : /Chrome\//.test(s) ? 'Chrome' : /Firefox\//.test(s) ? 'Firefox' : /Safari\//.test(s) ? 'Safari' : s ? s.split(/[ /]/)[0]! : '—'
  return { phone, browser }
}

const when = (iso: string) => `${chinaDate(new Date(iso))} ${new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' })}`

/** 登录设备: where the user is logged in, with "log this one out" and "log out everywhere else". */
export function SessionsDrawer({ open, onClose, width }: { open: boolean; onClose: () => void; width: number | string }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const q = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.GET('/auth/sessions', { signal }).then(ok), enabled: open })
  const end = useMutation({ mutationFn: (id: string) => api.DELETE('/auth/sessions/{id}', { params: { path: { id } } }).then(ok), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) })
  const others = useMutation({ mutationFn: () => api.POST('/auth/sessions/end-others').then(ok), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) })
  const count = q.data?.filter((s) => !s.current).length ?? 0
  return (
    <Drawer title={t('sessions.title')} open={open} onClose={onClose} size={width} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('sessions.intro')}</Typography.Paragraph>
      <ProblemAlert error={q.error ?? end.error ?? others.error} />
      <List<SessionEntry>
        loading={q.isLoading}
        dataSource={q.data ?? []}
        data-testid="sessions"
        renderItem={(s) => {
          const d = deviceOf(s.userAgent)
          return (
            <List.Item
              actions={
                s.current
                  ? []
                  : [
                      <Popconfirm key="end" title={t('sessions.endConfirm')} okText={t('sessions.end')} cancelText={t('actions.cancel')} onConfirm={() => end.mutate(s.id)}>
                        <Button size="small" danger loading={end.isPending && end.variables === s.id}>{t('sessions.end')}</Button>
                      </Popconfirm>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={d.phone ? <MobileOutlined style={{ fontSize: 22 }} /> : <DesktopOutlined style={{ fontSize: 22 }} />}
                title={
                  <Flex gap={8} wrap align="center">
                    <span>{t(d.phone ? 'sessions.phone' : 'sessions.computer')} · {d.browser}</span>
                    {s.current && <Tag color="green">{t('sessions.current')}</Tag>}
                  </Flex>
                }
                description={t('sessions.since', { at: when(s.createdAt), ip: s.ip?.replace(/^::ffff:/, '') ?? '—' })}
              />
            </List.Item>
          )
        }}
      />
      <Popconfirm title={t('sessions.othersConfirm', { n: count })} okText={t('sessions.endOthers')} cancelText={t('actions.cancel')} onConfirm={() => others.mutate()} disabled={count === 0}>
        <Button block danger disabled={count === 0} loading={others.isPending} style={{ marginTop: 16 }}>{t('sessions.endOthers')}</Button>
      </Popconfirm>
      {others.data && <Typography.Paragraph type="success" style={{ marginTop: 8 }}>{t('sessions.ended', { n: others.data.ended })}</Typography.Paragraph>}
    </Drawer>
  )
}
