import { Suspense, useEffect, useState } from 'react'
import { GlobalSearch } from '../components/global-search'
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router'
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Spin, Typography, theme, type MenuProps } from 'antd'
import { LaptopOutlined, LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { useCan, useMe } from '../api/client'
import { logout, syncLanguageFromAccount } from '../api/auth'
import { PasswordModal } from './password-modal'
import { SessionsDrawer } from './sessions-drawer'
import { LanguageSwitch } from '../components/language-switch'
import { ProblemAlert } from '../components/problem-alert'
import { useIsMobile } from '../components/use-is-mobile'
import { entryForPath, menuFor } from './menu'
import { sectionMenu } from './menu-groups'
import { ErrorBoundary } from './error-boundary'

const HEADER_HEIGHT = 56

export function Brand({ short = false }: { short?: boolean }) {
  const { t } = useTranslation()
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
        {short ? t('productName') : t('productFull')}
      </Typography.Text>
    </Flex>
  )
}

function SideMenu({ user, onNavigate }: { user: User; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const entries = menuFor(user)
  const selected = entryForPath(pathname, entries)?.key
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
      items={sectionMenu(entries).flatMap((s, i): NonNullable<MenuProps['items']> => {
        const items = s.entries.map((e) => ({ key: e.key, icon: e.icon, label: t(e.label) }))
        return s.group ? [{ type: 'group' as const, key: `group-${i}`, label: t(s.group), children: items }] : items
      })}
      onClick={({ key }) => {
        const entry = entries.find((e) => e.key === key)
        if (entry) navigate(entry.path)
        onNavigate?.()
      }}
    />
  )
}

function UserMenu({ user, mobile }: { user: User; mobile: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const region = user.regionName ?? t('user.noRegion')
  const [passwordOpen, setPasswordOpen] = useState(false)
  const [sessionsOpen, setSessionsOpen] = useState(false)
  return (
    <>
    <PasswordModal user={user} open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    <SessionsDrawer open={sessionsOpen} onClose={() => setSessionsOpen(false)} width={mobile ? '100%' : 480} />
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: `${user.displayName} · ${t(`roles.${user.role}`)} · ${region}` },
          { type: 'divider' },
          { key: 'password', icon: <LockOutlined />, label: t('user.password') },
          { key: 'sessions', icon: <LaptopOutlined />, label: t('sessions.title') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
        ],
        onClick: async ({ key }) => {
          if (key === 'password') return setPasswordOpen(true)
          if (key === 'sessions') return setSessionsOpen(true)
          if (key !== 'logout') return
          await logout()
          navigate('/login', { replace: true })
        },
      }}
    >
      <Button type="text" style={{ height: 44, paddingInline: 6 }} data-testid="user-menu">
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} />
          {!mobile && (
            <Flex vertical align="start" style={{ lineHeight: 1.25 }}>
              <Typography.Text>{user.displayName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{region}</Typography.Text>
            </Flex>
          )}
        </Flex>
      </Button>
    </Dropdown>
    </>
  )
}

export function AppLayout() {
  const me = useMe()
  const can = useCan()
  const mobile = useIsMobile()
  const { pathname, search } = useLocation()
  const navigate = useNavigate()
  const [drawerOpen, setDrawerOpen] = useState(false)
  const { token } = theme.useToken()
  const { t } = useTranslation()
  useEffect(() => syncLanguageFromAccount(me.data), [me.data])
  useEffect(() => setDrawerOpen(false), [pathname, mobile])

  if (me.isPending) return <Spin fullscreen />
  if (me.isError) return <div style={{ padding: 24 }}><ProblemAlert error={me.error} onRetry={() => void me.refetch()} /></div>
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />
  const user = me.data

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky', top: 0, zIndex: 10, height: HEADER_HEIGHT, lineHeight: 'normal',
          paddingInline: mobile ? 8 : 20, background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`, display: 'flex', alignItems: 'center', gap: 8,
        }}
      >
        {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} onClick={() => setDrawerOpen(true)} />}
        <Brand short={mobile} />
        {!mobile && can('search.read') && <div style={{ marginInlineStart: 24 }}><GlobalSearch /></div>}
        <Flex align="center" gap={4} style={{ marginInlineStart: 'auto' }}>
          <LanguageSwitch compact={mobile} />
          <UserMenu user={user} mobile={mobile} />
        </Flex>
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}>
            <SideMenu user={user} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer
          placement="left"
          size={280}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
        >
          <Flex vertical gap={2} style={{ padding: '12px 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Typography.Text type="secondary">
              {t(`roles.${user.role}`)} · {user.regionName ?? t('user.noRegion')}
            </Typography.Text>
          </Flex>
          {can('search.read') && <div style={{ padding: '12px 16px 0' }}><GlobalSearch width="100%" onPicked={() => setDrawerOpen(false)} /></div>}
          <SideMenu user={user} onNavigate={() => setDrawerOpen(false)} />
          <div style={{ padding: '12px 24px' }}>
            <Button block icon={<LogoutOutlined />} onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>
              {t('user.logout')}
            </Button>
          </div>
        </Drawer>
      )}
    </Layout>
  )
}
