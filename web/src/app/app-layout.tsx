import { lazy, Suspense, useEffect, useState } from 'react'
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router'
import { App as AntApp, Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Spin, Typography, theme, type MenuProps } from 'antd'
import { LaptopOutlined, LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { useCan, useMe } from '../api/client'
import { logout, syncLanguageFromAccount } from '../api/auth'
import { LanguageSwitch } from '../components/language-switch'
import { ProblemAlert } from '../components/problem-alert'
import { useIsMobile } from '../components/use-is-mobile'
import { entryForPath, menuFor } from './menu'
import { MENU_ICONS } from './menu-icons'
import { sectionMenu } from './menu-groups'
import { ErrorBoundary } from './error-boundary'
import { Brand } from './brand'
import '../i18n/dayjs-locale'

const HEADER_HEIGHT = 56

// What the header opens on demand (search, password, sessions) loads on demand: a phone's first screen carries none of it.
const GlobalSearch = lazy(() => import('../components/global-search').then((m) => ({ default: m.GlobalSearch })))
const PasswordModal = lazy(() => import('./password-modal').then((m) => ({ default: m.PasswordModal })))
const SessionsDrawer = lazy(() => import('./sessions-drawer').then((m) => ({ default: m.SessionsDrawer })))

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
        const items = s.entries.map((e) => ({ key: e.key, icon: MENU_ICONS[e.key], label: t(e.label) }))
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
  // Mounted from the first opening on (and kept, so that closing still animates); at once when the account must
  // change its password, which opens the dialog by itself.
  const [passwordUsed, setPasswordUsed] = useState(user.mustChangePassword)
  const [sessionsUsed, setSessionsUsed] = useState(false)
  return (
    <>
    <Suspense fallback={null}>
      {(passwordUsed || user.mustChangePassword) && <PasswordModal user={user} open={passwordOpen} onClose={() => setPasswordOpen(false)} />}
      {sessionsUsed && <SessionsDrawer open={sessionsOpen} onClose={() => setSessionsOpen(false)} width={mobile ? '100%' : 480} />}
    </Suspense>
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
          if (key === 'password') {
            setPasswordUsed(true)
            return setPasswordOpen(true)
          }
          if (key === 'sessions') {
            setSessionsUsed(true)
            return setSessionsOpen(true)
          }
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

/** The signed-in shell, inside antd's App (pages take message and modal from App.useApp()). */
export function AppLayout() {
  return (
    <AntApp>
      <Shell />
    </AntApp>
  )
}

function Shell() {
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
        {!mobile && can('search.read') && <div style={{ marginInlineStart: 24 }}><Suspense fallback={null}><GlobalSearch /></Suspense></div>}
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
          {can('search.read') && <div style={{ padding: '12px 16px 0' }}><Suspense fallback={null}><GlobalSearch width="100%" onPicked={() => setDrawerOpen(false)} /></Suspense></div>}
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
