import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'
import { HomeOutlined } from '@ant-design/icons'
import { ShoppingCartOutlined } from '@ant-design/icons'
import { CalculatorOutlined, FileTextOutlined, FundOutlined, WalletOutlined } from '@ant-design/icons'
import type { Role, User } from '@gongfang/shared'

/**
 * THE registry of screens: the side menu, the routes and the home shortcuts come from it.
 * To add a page: create `pages/<domain>/<name>-page.tsx` with a default export, add its
 * labels to `i18n/{zh-CN,en}/<domain>.ts`, and add one entry here. Order = menu order.
 * `roles` limits who sees the entry and may open the route (the API still enforces scope);
 * `inMenu: false` registers a route without a menu item (detail pages: `path: '/workshops/:id'`).
 */
export interface MenuEntry {
  key: string
  path: string
  icon?: ReactNode
  /** i18n key, `namespace:key`. */
  label: string
  roles: readonly Role[] | 'all'
  page: LazyExoticComponent<ComponentType>
  inMenu?: boolean
  /** Shown as a shortcut on the workbench (default: true for menu entries other than home). */
  shortcut?: boolean
}

export const ALL_ROLES = 'all' as const
export const STAFF: readonly Role[] = ['admin', 'staff']

export const MENU: readonly MenuEntry[] = [
  {
    key: 'home',
    path: '/',
    icon: <HomeOutlined />,
    label: 'common:menu.home',
    roles: ALL_ROLES,
    page: lazy(() => import('../pages/home/home-page')),
    shortcut: false,
  },
  { key: 'day-sheet', path: '/day-sheet', icon: <CalculatorOutlined />, label: 'wages:menu.daySheet', roles: ['operator', 'admin'], page: lazy(() => import('../pages/wages/day-sheet-page')) },
  { key: 'paysheets', path: '/paysheets', icon: <FileTextOutlined />, label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheets-page')) },
  { key: 'paysheet', path: '/paysheets/:id', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheet-detail-page')), inMenu: false },
  { key: 'paysheet-print', path: '/paysheets/:id/print', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheet-print-page')), inMenu: false },
  { key: 'my-wages', path: '/my-wages', icon: <WalletOutlined />, label: 'wages:menu.myWages', roles: ['worker'], page: lazy(() => import('../pages/wages/my-wages-page')) },
  { key: 'workshop-income', path: '/workshop-income', icon: <FundOutlined />, label: 'wages:menu.income', roles: ['operator', 'admin'], page: lazy(() => import('../pages/wages/income-page')) },
  { key: 'orders', path: '/orders', icon: <ShoppingCartOutlined />, label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/orders/orders-page')) },
  { key: 'order-new', path: '/orders/new', label: 'orders:menu.newOrder', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/orders/order-form-page')), inMenu: false },
  { key: 'order', path: '/orders/:id', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin', 'operator', 'collective'], page: lazy(() => import('../pages/orders/order-detail-page')), inMenu: false },
  { key: 'order-plan', path: '/orders/:id/plan', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/matching/plan-page')), inMenu: false },
  { key: 'my-orders', path: '/my-orders', icon: <ShoppingCartOutlined />, label: 'orders:menu.myOrders', roles: ['operator'], page: lazy(() => import('../pages/orders/operator-page')) },
]

export function canSee(entry: MenuEntry, user: Pick<User, 'role'>): boolean {
  return entry.roles === 'all' || entry.roles.includes(user.role)
}

export const menuFor = (user: Pick<User, 'role'>) => MENU.filter((e) => e.inMenu !== false && canSee(e, user))

/** The menu entry a location belongs to: the longest matching path prefix. */
export function entryForPath(pathname: string, entries: readonly MenuEntry[]): MenuEntry | undefined {
  return [...entries]
    .filter((e) => e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]
}
