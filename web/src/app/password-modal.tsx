import { useState } from 'react'
import { Alert, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { api, ok, ApiError, ME_KEY, queryClient } from '../api/client'

/** Change one's own password; cannot be dismissed while the account must change it (demo or reset password). */
export function PasswordModal({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const forced = user.mustChangePassword
  const submit = async () => {
    const v = await form.validateFields()
    setSaving(true)
    setError(null)
    try {
      await api.POST('/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }).then(ok)
      queryClient.setQueryData(ME_KEY, { ...user, mustChangePassword: false })
      form.resetFields()
      onClose()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal
      open={open || forced}
      title={t('password.title')}
      okText={t('password.save')}
      onOk={() => void submit()}
      confirmLoading={saving}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      onCancel={onClose}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('password.forced')} />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="password-error" />}
      <Form form={form} layout="vertical">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true }, { min: 10, message: t('password.rules') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
