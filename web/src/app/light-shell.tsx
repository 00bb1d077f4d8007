import { lazy, Suspense, useEffect, useState } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { logout, setLanguage, syncLanguageFromAccount } from '../api/auth'
import { currentLanguage } from '../i18n'
import { ErrorBoundary } from './error-boundary'
import { menuFor } from './menu'
import { AntdRoot } from './antd-root'
import './light.css'

// Only an account that must change its password sees this dialog (antd's Modal and Form): fetched then, not before.
const PasswordModal = lazy(() => import('./password-modal').then((m) => ({ default: m.PasswordModal })))

/**
 * The phone shell of people who need their home and a few actions (an elderly worker checking pay, an operator
 * filling the day sheet): a plain header and links to their other pages, no menu, drawer or dropdown. The staff
 * shell (app-layout.tsx, antd's Layout, Menu and Drawer) is ≈ 100 KB of script these pages do without; the pages
 * behind the links open in it (app.tsx).
 */
export default function LightShell({ user }: { user: User }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const [, rerender] = useState(0)
  useEffect(() => syncLanguageFromAccount(user), [user])
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en'
  const links = menuFor(user).filter((e) => e.path !== '/')
  return (
    <div className="gf-l">
      <header className="gf-l-header">
        <Link to="/" className="gf-l-brand" style={{ color: 'inherit', textDecoration: 'none' }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('productName')}</span>
        </Link>
        <div className="gf-l-who" data-testid="user-menu">
          <span className="gf-l-name" title={`${user.displayName} · ${t(`roles.${user.role}`)}`}>
            {user.displayName}
          </span>
          <button
            type="button"
            className="gf-l-btn text"
            lang={next}
            aria-label={`${t('language.label')}: ${t('language.switchTo')}`}
            data-testid="language-switch"
            onClick={() => void setLanguage(next).then(() => rerender((n) => n + 1))}
          >
            {t('language.short')}
          </button>
          <button
            type="button"
            className="gf-l-btn"
            data-testid="logout"
            onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
          >
            {t('user.logout')}
          </button>
        </div>
      </header>
      <main className="gf-l-main">
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<div className="gf-l-loading" />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
        {links.length > 0 && (
          <nav className="gf-l-nav" aria-label={t('menu.home')}>
            <ul>
              {links.map((e) => (
                <li key={e.key}>
                  <Link to={e.path}>{t(e.label)}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </main>
      {user.mustChangePassword && (
        <Suspense fallback={null}>
          <AntdRoot>
            <PasswordModal user={user} open onClose={() => undefined} />
          </AntdRoot>
        </Suspense>
      )}
    </div>
  )
}
