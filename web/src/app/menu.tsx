import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'
import { HomeOutlined } from '@ant-design/icons'
import { ShoppingCartOutlined } from '@ant-design/icons'
import { AimOutlined, ReadOutlined, StarOutlined, TeamOutlined } from '@ant-design/icons'
import { CalculatorOutlined, FileTextOutlined, FundOutlined, WalletOutlined } from '@ant-design/icons'
import { DashboardOutlined, LineChartOutlined } from '@ant-design/icons'
import { AuditOutlined, SafetyCertificateOutlined, BankOutlined, PieChartOutlined, ShopOutlined, VideoCameraOutlined } from '@ant-design/icons'
import { ClusterOutlined, ContactsOutlined, IdcardOutlined, ShopOutlined as RegistryShopOutlined, TeamOutlined as RosterOutlined, UploadOutlined } from '@ant-design/icons'
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
  // Registry: workshops, workers, enterprises, collectives, bulk import; the operator's roster on a phone.
  { key: 'workshops', path: '/workshops', icon: <ClusterOutlined />, label: 'registry:menu.workshops', roles: ['admin', 'staff', 'collective', 'enterprise', 'operator'], page: lazy(() => import('../pages/workshops/workshops-page')) },
  { key: 'workshop', path: '/workshops/:id', label: 'registry:menu.workshops', roles: ALL_ROLES, page: lazy(() => import('../pages/workshops/workshop-detail-page')), inMenu: false },
  { key: 'roster', path: '/roster', icon: <RosterOutlined />, label: 'registry:menu.roster', roles: ['operator'], page: lazy(() => import('../pages/workshops/roster-page')) },
  { key: 'workers', path: '/workers', icon: <IdcardOutlined />, label: 'registry:menu.workers', roles: STAFF, page: lazy(() => import('../pages/workers/workers-page')) },
  { key: 'worker', path: '/workers/:id', label: 'registry:menu.workers', roles: ['admin', 'staff', 'operator', 'worker'], page: lazy(() => import('../pages/workers/worker-detail-page')), inMenu: false },
  { key: 'enterprises', path: '/enterprises', icon: <RegistryShopOutlined />, label: 'registry:menu.enterprises', roles: ['admin', 'staff', 'enterprise'], page: lazy(() => import('../pages/enterprises/enterprises-page')) },
  { key: 'collectives', path: '/collectives', icon: <ContactsOutlined />, label: 'registry:menu.collectives', roles: ['admin', 'staff', 'collective'], page: lazy(() => import('../pages/collectives/collectives-page')) },
  { key: 'imports', path: '/imports', icon: <UploadOutlined />, label: 'registry:menu.imports', roles: STAFF, page: lazy(() => import('../pages/imports/imports-page')) },
  {
    key: 'ratings',
    path: '/ratings',
    icon: <StarOutlined />,
    label: 'ratings:menu',
    roles: STAFF,
    page: lazy(() => import('../pages/ratings/ratings-page')),
  },
  {
    key: 'training',
    path: '/training',
    icon: <ReadOutlined />,
    label: 'training:menu',
    roles: ['admin', 'staff', 'operator', 'worker'],
    page: lazy(() => import('../pages/training/training-page')),
  },
  {
    key: 'targets',
    path: '/targets',
    icon: <AimOutlined />,
    label: 'targets:menu',
    roles: STAFF,
    page: lazy(() => import('../pages/targets/targets-page')),
  },
  {
    key: 'talent',
    path: '/talent',
    icon: <TeamOutlined />,
    label: 'talent:menu',
    roles: ['admin', 'staff', 'operator', 'collective'],
    page: lazy(() => import('../pages/talent/talent-page')),
  },
  { key: 'day-sheet', path: '/day-sheet', icon: <CalculatorOutlined />, label: 'wages:menu.daySheet', roles: ['operator', 'admin'], page: lazy(() => import('../pages/wages/day-sheet-page')) },
  { key: 'paysheets', path: '/paysheets', icon: <FileTextOutlined />, label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheets-page')) },
  { key: 'paysheet', path: '/paysheets/:id', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheet-detail-page')), inMenu: false },
  { key: 'paysheet-print', path: '/paysheets/:id/print', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheet-print-page')), inMenu: false },
  { key: 'payments', path: '/payments', icon: <BankOutlined />, label: 'payments:menu', roles: ['operator', 'staff', 'admin'], page: lazy(() => import('../pages/payments/batches-page')) },
  { key: 'payment-batch', path: '/payments/:id', label: 'payments:menu', roles: ['operator', 'staff', 'admin'], page: lazy(() => import('../pages/payments/batch-detail-page')), inMenu: false },
  { key: 'my-wages', path: '/my-wages', icon: <WalletOutlined />, label: 'wages:menu.myWages', roles: ['worker'], page: lazy(() => import('../pages/wages/my-wages-page')) },
  { key: 'workshop-income', path: '/workshop-income', icon: <FundOutlined />, label: 'wages:menu.income', roles: ['operator', 'admin'], page: lazy(() => import('../pages/wages/income-page')) },
  { key: 'orders', path: '/orders', icon: <ShoppingCartOutlined />, label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/orders/orders-page')) },
  { key: 'order-new', path: '/orders/new', label: 'orders:menu.newOrder', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/orders/order-form-page')), inMenu: false },
  { key: 'order', path: '/orders/:id', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin', 'operator', 'collective'], page: lazy(() => import('../pages/orders/order-detail-page')), inMenu: false },
  { key: 'order-plan', path: '/orders/:id/plan', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/matching/plan-page')), inMenu: false },
  { key: 'plans-new', path: '/plans/new', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/matching/plan-page')), inMenu: false },
  { key: 'my-orders', path: '/my-orders', icon: <ShoppingCartOutlined />, label: 'orders:menu.myOrders', roles: ['operator'], page: lazy(() => import('../pages/orders/operator-page')) },
  { key: 'users', path: '/users', icon: <SafetyCertificateOutlined />, label: 'home:users.menu', roles: ['admin'], page: lazy(() => import('../pages/users/users-page')) },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, label: 'home:audit.menu', roles: ['staff', 'admin'], page: lazy(() => import('../pages/audit/audit-page')) },
  { key: 'cockpit', path: '/cockpit', icon: <DashboardOutlined />, label: 'cockpit:menu.cockpit', roles: ['staff', 'admin'], page: lazy(() => import('../pages/cockpit/cockpit-page')) },
  { key: 'income', path: '/income', icon: <LineChartOutlined />, label: 'cockpit:menu.income', roles: ['staff', 'admin'], page: lazy(() => import('../pages/income/income-page')) },
  // Around the workshop: collective income and profit sharing, sales and agri-tourism, partner recruitment.
  { key: 'collective-income', path: '/collective-income', icon: <BankOutlined />, label: 'collective:menu.income', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/income-page')) },
  { key: 'profit-sharing', path: '/profit-sharing', icon: <PieChartOutlined />, label: 'collective:menu.sharing', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/profit-sharing-page')) },
  { key: 'profit-sharing-run', path: '/profit-sharing/:id', label: 'collective:menu.sharing', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/run-page')), inMenu: false },
  { key: 'profit-sharing-print', path: '/profit-sharing/:id/print', label: 'collective:menu.sharing', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/run-print-page')), inMenu: false },
  { key: 'sales', path: '/sales', icon: <VideoCameraOutlined />, label: 'sales:menu', roles: ['operator', 'staff', 'admin'], page: lazy(() => import('../pages/sales/sales-page')) },
  { key: 'partners', path: '/partners', icon: <ShopOutlined />, label: 'partners:menu', roles: ['collective', 'staff', 'admin', 'enterprise'], page: lazy(() => import('../pages/partners/partners-page')) },
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
