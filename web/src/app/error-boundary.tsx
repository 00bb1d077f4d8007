import { Component, type ReactNode } from 'react'
import i18n from '../i18n'

/**
 * What antd's `<Result status="error">` shows, in plain markup: Result carries the 403/404/500 pictures, and even
 * Button and the icons are script that the light phone shell (light-shell.tsx) would load for a screen it shows only
 * when something failed. Colours are antd's default error, heading and description tokens.
 */
function LoadFailed({ message }: { message: string }) {
  return (
    <div role="alert" style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 8, padding: '48px 24px', textAlign: 'center' }}>
      <svg viewBox="0 0 24 24" width={72} height={72} aria-hidden="true" style={{ marginBottom: 24 }}>
        <circle cx="12" cy="12" r="11" fill="#ff4d4f" />
        <path d="M8 8l8 8M16 8l-8 8" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <div style={{ fontSize: 24, lineHeight: 1.33, color: 'rgba(0,0,0,0.88)' }}>{i18n.t('common:errors.loadFailed')}</div>
      <div style={{ color: 'rgba(0,0,0,0.65)' }}>{message}</div>
      <button
        type="button"
        onClick={() => location.reload()}
        style={{ marginTop: 24, minHeight: 44, padding: '4px 16px', border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff', font: 'inherit', cursor: 'pointer' }}
      >
        {i18n.t('common:errors.retry')}
      </button>
    </div>
  )
}

/** Keeps the shell alive when a page throws or its chunk fails to load (e.g. after a deploy). */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null; key?: string }> {
  override state: { error: Error | null; key?: string } = { error: null, key: this.props.resetKey }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; key?: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null
  }
  override render() {
    if (!this.state.error) return this.props.children
    return <LoadFailed message={this.state.error.message} />
  }
}
