import { useEffect, useMemo, useState } from 'react'
import { App, Form, Input, Modal, Select } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ok } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { AntdRoot } from '../../app/antd-root'

// Elder-friendly, as the worker's home: text at least 18 px, touch targets at least 48 px.
const BIG = { fontSize: 18 }
const BUTTON = { height: 56, fontSize: 20 }

/** A wage question goes to the township as a dispute about this worker's pay at one workshop. */
export function AskModal({ month, onClose }: { month: string; onClose: () => void }) {
  const { t } = useTranslation('home')
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const workshops = useQuery({
    queryKey: ['home', 'my-workshops'],
    queryFn: ({ signal }) =>
      api.GET('/workshops', { params: { query: { pageSize: 20 } }, signal }).then(ok),
  })
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const list = useMemo(() => workshops.data?.items ?? [], [workshops.data])
  // Most workers work in one workshop: preselect it once the list arrives, without touching what was typed.
  useEffect(() => {
    if (list[0] && !form.getFieldValue('workshopId')) form.setFieldValue('workshopId', list[0].id)
  }, [list, form])
  return (
    <Modal
      open
      title={<span style={BIG}>{t('worker.askTitle')}</span>}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('worker.askSend')}
      confirmLoading={busy}
      okButtonProps={{ style: BUTTON }}
      cancelButtonProps={{ style: BUTTON }}
    >
      <Form
        form={form}
        layout="vertical"
        style={BIG}
        initialValues={{ title: t('worker.askDefaultTitle', { month }) }}
        onFinish={async (v: { workshopId: string; title: string; description: string }) => {
          setBusy(true)
          setError(null)
          try {
            await api.POST('/disputes', { body: { subject: 'wage', ...v } }).then(ok)
            message.success(t('worker.askSent'))
            onClose()
          } catch (e) {
            setError(e)
          } finally {
            setBusy(false)
          }
        }}
      >
        <Form.Item
          name="workshopId"
          label={<span style={BIG}>{t('worker.askWorkshop')}</span>}
          rules={[{ required: true, message: t('worker.askWorkshop') }]}
        >
          <Select
            size="large"
            loading={workshops.isLoading}
            options={list.map((w) => ({ value: w.id, label: w.name }))}
            style={{ minHeight: 48 }}
          />
        </Form.Item>
        <Form.Item name="title" label={<span style={BIG}>{t('worker.askSubject')}</span>} rules={[{ required: true }]}>
          <Input size="large" maxLength={200} style={{ ...BIG, minHeight: 48 }} />
        </Form.Item>
        <Form.Item
          name="description"
          label={<span style={BIG}>{t('worker.askWhat')}</span>}
          rules={[{ required: true, message: t('worker.askWhat') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('worker.askPlaceholder')} style={BIG} />
        </Form.Item>
        {error ? <ProblemAlert error={error} /> : null}
      </Form>
    </Modal>
  )
}

/**
 * The dialog with antd's theme and App around it, for the worker's light home (neither is in its shell): the "sent" message needs
 * App's holder, which stays mounted after the dialog closes so that the message is seen.
 */
export function AskDialog({ open, month, onClose }: { open: boolean; month: string; onClose: () => void }) {
  return (
    <AntdRoot>
      <App component={false}>{open && <AskModal month={month} onClose={onClose} />}</App>
    </AntdRoot>
  )
}
