import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd'
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
        <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: '28px 24px' } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>{t('title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
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
        </Card>
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 16, fontSize: 12 }}>{t('footer')}</Typography.Text>
    </Flex>
  )
}
