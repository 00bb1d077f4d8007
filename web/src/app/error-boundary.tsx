import { Component, type ReactNode } from 'react'
import { Button, Result } from 'antd'
import i18n from '../i18n'

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
    return (
      <Result
        status="error"
        title={i18n.t('common:errors.loadFailed')}
        subTitle={this.state.error.message}
        extra={<Button onClick={() => location.reload()}>{i18n.t('common:errors.retry')}</Button>}
      />
    )
  }
}
