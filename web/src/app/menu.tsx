import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { Role, User } from '@gongfang/shared'

/**
 * THE registry of screens: the side menu, the routes and the home shortcuts come from it.
 * To add a page: create `pages/<domain>/<name>-page.tsx` with a default export, add its
 * labels to `i18n/{zh-CN,en}/<domain>.ts`, and add one entry here (and its icon, by key, in menu-icons.tsx).
 * Order = menu order.
 * `roles` limits who sees the entry and may open the route (the API still enforces scope);
 * `inMenu: false` registers a route without a menu item (detail pages: `path: '/workshops/:id'`).
 */
export interface MenuEntry {
  key: string
  path: string
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
    label: 'common:menu.home',
    roles: ALL_ROLES,
    page: lazy(() => import('../pages/home/home-page')),
    shortcut: false,
  },
  // Registry: workshops, workers, enterprises, collectives, bulk import; the operator's roster on a phone.
  { key: 'workshops', path: '/workshops', label: 'registry:menu.workshops', roles: ['admin', 'staff', 'collective', 'enterprise', 'operator'], page: lazy(() => import('../pages/workshops/workshops-page')) },
  { key: 'workshop', path: '/workshops/:id', label: 'registry:menu.workshops', roles: ALL_ROLES, page: lazy(() => import('../pages/workshops/workshop-detail-page')), inMenu: false },
  { key: 'roster', path: '/roster', label: 'registry:menu.roster', roles: ['operator'], page: lazy(() => import('../pages/workshops/roster-page')) },
  { key: 'workers', path: '/workers', label: 'registry:menu.workers', roles: STAFF, page: lazy(() => import('../pages/workers/workers-page')) },
  { key: 'worker', path: '/workers/:id', label: 'registry:menu.workers', roles: ['admin', 'staff', 'operator', 'worker'], page: lazy(() => import('../pages/workers/worker-detail-page')), inMenu: false },
  { key: 'enterprises', path: '/enterprises', label: 'registry:menu.enterprises', roles: ['admin', 'staff', 'enterprise'], page: lazy(() => import('../pages/enterprises/enterprises-page')) },
  { key: 'collectives', path: '/collectives', label: 'registry:menu.collectives', roles: ['admin', 'staff', 'collective'], page: lazy(() => import('../pages/collectives/collectives-page')) },
  { key: 'imports', path: '/imports', label: 'registry:menu.imports', roles: STAFF, page: lazy(() => import('../pages/imports/imports-page')) },
  { key: 'ratings', path: '/ratings', label: 'ratings:menu', roles: STAFF, page: lazy(() => import('../pages/ratings/ratings-page')) },
  { key: 'training', path: '/training', label: 'training:menu', roles: ['admin', 'staff', 'operator', 'worker'], page: lazy(() => import('../pages/training/training-page')) },
  { key: 'targets', path: '/targets', label: 'targets:menu', roles: STAFF, page: lazy(() => import('../pages/targets/targets-page')) },
  { key: 'talent', path: '/talent', label: 'talent:menu', roles: ['admin', 'staff', 'operator', 'collective'], page: lazy(() => import('../pages/talent/talent-page')) },
  { key: 'day-sheet', path: '/day-sheet', label: 'wages:menu.daySheet', roles: ['operator', 'admin'], page: lazy(() => import('../pages/wages/day-sheet-page')) },
  { key: 'paysheets', path: '/paysheets', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheets-page')) },
  { key: 'paysheet', path: '/paysheets/:id', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheet-detail-page')), inMenu: false },
  { key: 'paysheet-print', path: '/paysheets/:id/print', label: 'wages:menu.paysheets', roles: ['operator', 'staff', 'admin', 'collective'], page: lazy(() => import('../pages/wages/paysheet-print-page')), inMenu: false },
  { key: 'payments', path: '/payments', label: 'payments:menu', roles: ['operator', 'staff', 'admin'], page: lazy(() => import('../pages/payments/batches-page')) },
  { key: 'payment-batch', path: '/payments/:id', label: 'payments:menu', roles: ['operator', 'staff', 'admin'], page: lazy(() => import('../pages/payments/batch-detail-page')), inMenu: false },
  { key: 'my-wages', path: '/my-wages', label: 'wages:menu.myWages', roles: ['worker'], page: lazy(() => import('../pages/wages/my-wages-page')) },
  { key: 'workshop-income', path: '/workshop-income', label: 'wages:menu.income', roles: ['operator', 'admin'], page: lazy(() => import('../pages/wages/income-page')) },
  { key: 'orders', path: '/orders', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/orders/orders-page')) },
  { key: 'order-new', path: '/orders/new', label: 'orders:menu.newOrder', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/orders/order-form-page')), inMenu: false },
  { key: 'order', path: '/orders/:id', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin', 'operator', 'collective'], page: lazy(() => import('../pages/orders/order-detail-page')), inMenu: false },
  { key: 'order-plan', path: '/orders/:id/plan', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/matching/plan-page')), inMenu: false },
  { key: 'plans-new', path: '/plans/new', label: 'orders:menu.orders', roles: ['enterprise', 'staff', 'admin'], page: lazy(() => import('../pages/matching/plan-page')), inMenu: false },
  { key: 'my-orders', path: '/my-orders', label: 'orders:menu.myOrders', roles: ['operator'], page: lazy(() => import('../pages/orders/operator-page')) },
  { key: 'users', path: '/users', label: 'home:users.menu', roles: ['admin'], page: lazy(() => import('../pages/users/users-page')) },
  { key: 'audit', path: '/audit', label: 'home:audit.menu', roles: ['staff', 'admin'], page: lazy(() => import('../pages/audit/audit-page')) },
  { key: 'cockpit', path: '/cockpit', label: 'cockpit:menu.cockpit', roles: ['staff', 'admin'], page: lazy(() => import('../pages/cockpit/cockpit-page')) },
  { key: 'income', path: '/income', label: 'cockpit:menu.income', roles: ['staff', 'admin'], page: lazy(() => import('../pages/income/income-page')) },
  // Around the workshop: collective income and profit sharing, sales and agri-tourism, partner recruitment.
  { key: 'collective-income', path: '/collective-income', label: 'collective:menu.income', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/income-page')) },
  { key: 'profit-sharing', path: '/profit-sharing', label: 'collective:menu.sharing', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/profit-sharing-page')) },
  { key: 'profit-sharing-run', path: '/profit-sharing/:id', label: 'collective:menu.sharing', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/run-page')), inMenu: false },
  { key: 'profit-sharing-print', path: '/profit-sharing/:id/print', label: 'collective:menu.sharing', roles: ['collective', 'staff', 'admin'], page: lazy(() => import('../pages/collective/run-print-page')), inMenu: false },
  { key: 'sales', path: '/sales', label: 'sales:menu', roles: ['operator', 'staff', 'admin'], page: lazy(() => import('../pages/sales/sales-page')) },
  { key: 'partners', path: '/partners', label: 'partners:menu', roles: ['collective', 'staff', 'admin', 'enterprise'], page: lazy(() => import('../pages/partners/partners-page')) },
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
