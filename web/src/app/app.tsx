import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { theme } from 'antd'
import { AntdRoot } from './antd-root'
import { createBrowserRouter, Navigate, RouterProvider, useLocation, type RouteObject } from 'react-router'
import { useTranslation } from 'react-i18next'
import { queryClient, useMe } from '../api/client'
import { canSee, MENU, type MenuEntry } from './menu'
import { hasLightShell } from './homes'
import { loadWords } from '../i18n'

// Each entry point loads only its own code: the login page without the signed-in shell, the public achievements
// page (no login, outside the shell) without either, and every screen of the shell on its own (menu.tsx).
const LoginPage = lazy(() => import('../pages/login/login-page'))
const PublicPage = lazy(() => import('../pages/public/public-page'))
// The shell's words (every namespace but the first pages') come with it, so a sign-in from /login shows no bare keys.
const AppLayout = lazy(() => Promise.all([import('./app-layout'), loadWords('app')]).then(([m]) => ({ default: m.AppLayout })))
// Workers' and operators' phone homes: a plain header, no antd Layout, Menu or Drawer (light-shell.tsx).
const LightShell = lazy(() => Promise.all([import('./light-shell'), loadWords('app')]).then(([m]) => m))
const NotFound = lazy(() => import('./not-found'))

/** Route guard from the registry's roles (the API enforces the same, this only avoids dead pages). */
function Guarded({ entry }: { entry: MenuEntry }) {
  const me = useMe().data
  if (me && !canSee(entry, me)) return <NotFound />
  return <entry.page />
}

/**
 * The text defaults antd's App gives the shell (app-layout.tsx), for the pages outside it: they need none of what
 * App brings (message, notification and modal holders, with Form's code), so the first download leaves it out.
 */
function Plain({ children }: { children: ReactNode }) {
  const { token } = theme.useToken()
  return <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>{children}</div>
}

/**
 * While a page's first chunk loads: a ring in the primary colour, drawn by CSS. antd's Spin would be in the
 * entry, and so in the login page's download, for these few hundred milliseconds; the shell has its own.
 */
function Loading() {
  return (
    <div role="status" aria-busy="true" style={{ position: 'fixed', inset: 0, display: 'grid', placeItems: 'center' }}>
      <style>{'@keyframes gf-turn{to{transform:rotate(360deg)}}@media (prefers-reduced-motion:reduce){.gf-ring{animation-duration:3s!important}}'}</style>
      <div
        className="gf-ring"
        style={{
          width: 32,
          height: 32,
          borderRadius: '50%',
          // The theme's colorPrimary and colorPrimaryBg, written out: no theme is derived for a spinner.
          border: '3px solid #fff1ee',
          borderTopColor: '#b7312c',
          animation: 'gf-turn 0.8s linear infinite',
        }}
      />
    </div>
  )
}

/**
 * The shell around a signed-in page: the light one for a worker's or operator's home (the page they open every day,
 * on a phone), the staff shell for everything else, including the pages their home links to.
 */
function Shell() {
  const me = useMe()
  const { pathname } = useLocation()
  if (me.isPending) return <Loading />
  if (me.data && pathname === '/' && hasLightShell(me.data)) return <LightShell user={me.data} />
  return (
    <AntdRoot>
      <AppLayout />
    </AntdRoot>
  )
}

const routes: RouteObject[] = [
  { path: '/login', element: <AntdRoot><Plain><LoginPage /></Plain></AntdRoot> },
  { path: '/public', element: <AntdRoot><Plain><PublicPage /></Plain></AntdRoot> },
  {
    element: <Shell />,
    children: [
      ...MENU.map((e) => (e.path === '/' ? { index: true, element: <Guarded entry={e} /> } : { path: e.path, element: <Guarded entry={e} /> })),
      { path: '/home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]
const router = createBrowserRouter(routes)

export function App() {
  const { i18n } = useTranslation()
  useEffect(() => {
    document.title = i18n.language === 'en' ? 'Gongfang · 共富工坊' : '共富工坊 Gongfang'
  }, [i18n.language])
  return (
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={<Loading />}>
        <RouterProvider router={router} />
      </Suspense>
    </QueryClientProvider>
  )
}
