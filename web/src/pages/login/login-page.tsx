import { Alert, Button, Flex, Form, Input, theme } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/client'
import { fetchHealth, useLogin } from '../../api/auth'
import { Brand } from '../../app/brand'
import { LanguageSwitch } from '../../components/language-switch'
import { ProblemAlert } from '../../components/problem-alert'

const DEMO_PASSWORD = 'gongfang-demo'

/** Only same-site paths after login; anything else goes to the workbench. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/'
}

export default function LoginPage() {
  const { t } = useTranslation('auth')
  const { token } = theme.useToken()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const me = useMe()
  const login = useLogin()
  // Demo data only ships with the embedded database; a real deployment never shows the hint.
  const health = useQuery({ queryKey: ['health'], queryFn: fetchHealth, staleTime: Infinity })
  const next = safeNext(params.get('next'))

  if (me.data) return <Navigate to={next} replace />

  return (
    <Flex vertical style={{ minHeight: '100vh', background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)` }}>
      <Flex justify="space-between" align="center" style={{ padding: '12px 16px' }}>
        <Brand />
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} justify="center" align="flex-start" style={{ padding: '6vh 12px 24px' }}>
        {/* A card and headings drawn from antd's tokens: Card and Typography would bring Tabs, Skeleton, Tooltip
            and the editable TextArea to the first page anyone opens. */}
        <main
          style={{
            width: '100%',
            maxWidth: 400,
            boxSizing: 'border-box',
            padding: '28px 24px',
            background: token.colorBgContainer,
            border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadiusLG,
          }}
        >
          <h1 style={{ margin: '0 0 4px', fontSize: token.fontSizeHeading3, lineHeight: token.lineHeightHeading3, fontWeight: token.fontWeightStrong, color: token.colorTextHeading }}>
            {t('title')}
          </h1>
          <p style={{ margin: `0 0 ${token.marginMD}px`, color: token.colorTextSecondary }}>{t('subtitle')}</p>
          <Form
            layout="vertical"
            size="large"
            requiredMark={false}
            disabled={login.isPending}
            onFinish={(v: { username: string; password: string }) =>
              login.mutate(v, { onSuccess: () => navigate(next, { replace: true }) })
            }
          >
            <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {login.error && <div style={{ marginBottom: 16 }}><ProblemAlert error={login.error} /></div>}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>{t('submit')}</Button>
          </Form>
          {health.data?.database === 'pglite' && (
            <Alert
              style={{ marginTop: 20 }}
              type="info"
              title={t('demoTitle')}
              description={t('demoHint', { password: DEMO_PASSWORD })}
              data-testid="demo-hint"
            />
          )}
        </main>
      </Flex>
      <footer style={{ textAlign: 'center', padding: 16, fontSize: 12, color: token.colorTextSecondary }}>{t('footer')}</footer>
    </Flex>
  )
}
