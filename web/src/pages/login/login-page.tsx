import { useState, type FormEvent, type ReactNode } from 'react'
import { Alert, Button, Flex, theme } from 'antd'
// Input and Password from their own files: antd's Input index also brings TextArea, Search and OTP.
import Input from 'antd/es/input/Input'
import Password from 'antd/es/input/Password'
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

/** A vertical form row as antd's Form.Item draws it: label above, the field, its message below. */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  const { token } = theme.useToken()
  return (
    <div style={{ marginBottom: error ? token.marginSM : token.marginLG }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: token.paddingXS, color: token.colorTextHeading }}>
        {label}
      </label>
      {children}
      {error && (
        <div id={`${id}-error`} role="alert" style={{ color: token.colorError, minHeight: token.controlHeightSM, paddingTop: token.paddingXXS, lineHeight: token.lineHeight }}>
          {error}
        </div>
      )}
    </div>
  )
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
  const [values, setValues] = useState({ username: '', password: '' })
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({})
  const change = (field: 'username' | 'password', value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    // As antd's Form did: a message goes once the field is filled in, and comes back if it is emptied again.
    if (errors[field] !== undefined) setErrors((e) => ({ ...e, [field]: check(field, value) }))
  }
  /** What both fields share: the large size, the value, its message's state and wiring, locked while logging in. */
  const fieldProps = (field: 'username' | 'password') => ({
    id: field,
    size: 'large' as const,
    value: values[field],
    onChange: (e: { target: { value: string } }) => change(field, e.target.value),
    status: errors[field] ? ('error' as const) : undefined,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${field}-error` : undefined,
    disabled: login.isPending,
  })
  const check = (field: 'username' | 'password', value: string) =>
    field === 'username' ? (value.trim() ? undefined : t('usernameRequired')) : value ? undefined : t('passwordRequired')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = { username: check('username', values.username), password: check('password', values.password) }
    setErrors(found)
    if (found.username || found.password || login.isPending) return
    login.mutate(values, { onSuccess: () => navigate(next, { replace: true }) })
  }

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
          {/* A plain form: two required fields do not need antd's Form, whose store, validator, grid and label
              tooltips were a third of this page's JavaScript. Inputs and button stay antd's. */}
          <form noValidate onSubmit={submit}>
            <Field id="username" label={t('username')} error={errors.username}>
              <Input
                {...fieldProps('username')}
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
              />
            </Field>
            <Field id="password" label={t('password')} error={errors.password}>
              <Password
                {...fieldProps('password')}
                prefix={<LockOutlined />}
                autoComplete="current-password"
              />
            </Field>
            {login.error && <div style={{ marginBottom: 16 }}><ProblemAlert error={login.error} /></div>}
            <Button type="primary" size="large" htmlType="submit" block loading={login.isPending}>{t('submit')}</Button>
          </form>
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
