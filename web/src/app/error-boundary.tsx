import { Component, type ReactNode } from 'react'
import { Button, Flex, theme } from 'antd'
import { CloseCircleFilled } from '@ant-design/icons'
import i18n from '../i18n'

/**
 * What antd's `<Result status="error">` shows, drawn from the tokens: Result carries the 403/404/500 pictures,
 * ≈ 10 KB gzip that every signed-in page loaded for a screen it shows only when something failed.
 */
function LoadFailed({ message }: { message: string }) {
  const { token } = theme.useToken()
  return (
    <Flex vertical align="center" gap={token.marginXS} role="alert" style={{ padding: `${token.paddingXL * 1.5}px ${token.paddingLG}px`, textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 72, color: token.colorError, marginBottom: token.marginLG }} />
      <div style={{ fontSize: token.fontSizeHeading3, lineHeight: token.lineHeightHeading3, color: token.colorTextHeading }}>
        {i18n.t('common:errors.loadFailed')}
      </div>
      <div style={{ color: token.colorTextDescription }}>{message}</div>
      <Button style={{ marginTop: token.marginLG }} onClick={() => location.reload()}>
        {i18n.t('common:errors.retry')}
      </Button>
    </Flex>
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
