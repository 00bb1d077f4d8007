import { useState } from 'react'
import { App, Alert, Button, Descriptions, Form, Input, Modal, Select, Space, Tag } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ACCOUNT_TYPES, BANKS, accountNumberProblem } from '@gongfang/shared/payments'
import { useCan } from '../../api/client'
import { approveProxy, fetchAccount, paymentKeys, saveAccount, type AccountInput } from '../../api/payments'
import { ProblemAlert } from '../../components/problem-alert'

const pick = (l: { zh: string; en: string }, lang: string) => (lang.startsWith('zh') ? l.zh : l.en)

/** A worker's wage account: masked number, holder, proxy state; payers record or change it, staff approve a proxy. */
export function AccountCard({ workerId, workerName }: { workerId: string; workerName: string }) {
  const { t, i18n } = useTranslation('payments')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const can = useCan()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<AccountInput>()
  const holder = Form.useWatch('holderName', form)
  const q = useQuery({ queryKey: paymentKeys.account(workerId), queryFn: () => fetchAccount(workerId) })
  const save = useMutation({
    mutationFn: (v: AccountInput) => saveAccount(workerId, { ...v, proxyReason: v.proxyReason || undefined }),
    onSuccess: (a) => {
      qc.setQueryData(paymentKeys.account(workerId), a)
      // The full number must not stay in the (hidden) form once it is saved.
      form.resetFields()
      setOpen(false)
      message.success(t('accountCard.saved'))
    },
  })
  const approve = useMutation({ mutationFn: () => approveProxy(workerId), onSuccess: (a) => qc.setQueryData(paymentKeys.account(workerId), a) })
  const canWrite = can('payments.accounts.write')
  const canApprove = can('payments.accounts.approve-proxy')
  const a = q.data
  const lang = i18n.language
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={q.error ?? approve.error} />
      {a === null && <Alert type="info" title={t('accountCard.none')} />}
      {a && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('accountCard.bank')}>{a.bankName}</Descriptions.Item>
          <Descriptions.Item label={t('accountCard.type')}>{t(`accountCard.types.${a.accountType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('accountCard.number')}>
            <span style={{ fontFamily: 'monospace' }} data-testid="account-masked">{a.accountNumberMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('accountCard.holder')}>
            <Space wrap>
              {a.holderName}
              {a.proxy && <Tag color={a.proxyApproved ? 'green' : 'orange'}>{a.proxyApproved ? t('accountCard.proxyApproved') : t('accountCard.proxyPending')}</Tag>}
              {a.usable && <Tag color="blue">{t('accountCard.usable')}</Tag>}
            </Space>
          </Descriptions.Item>
          {a.proxyReason && <Descriptions.Item label={t('accountCard.proxyReason')} span={2}>{a.proxyReason}</Descriptions.Item>}
        </Descriptions>
      )}
      <Space wrap>
        {canWrite && (
          <Button
            data-testid="account-edit"
            onClick={() => {
              form.setFieldsValue({ holderName: workerName, accountType: 'bank_card', bank: 'zjrcu', accountNumber: '' })
              setOpen(true)
            }}
          >
            {a ? t('accountCard.edit') : t('accountCard.add')}
          </Button>
        )}
        {canApprove && a?.proxy && !a.proxyApproved && (
          <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate()}>{t('accountCard.approve')}</Button>
        )}
      </Space>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={a ? t('accountCard.edit') : t('accountCard.add')} forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="bank" label={t('accountCard.bank')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={Object.entries(BANKS).map(([value, l]) => ({ value, label: pick(l, lang) }))} />
          </Form.Item>
          <Form.Item name="accountType" label={t('accountCard.type')} rules={[{ required: true }]}>
            <Select options={Object.entries(ACCOUNT_TYPES).map(([value, l]) => ({ value, label: pick(l, lang) }))} />
          </Form.Item>
          <Form.Item
            name="accountNumber"
            label={t('accountCard.number')}
            extra={t('accountCard.numberHint')}
            rules={[
              { required: true },
              {
                validator: async (_, v: string) => {
                  const p = v ? accountNumberProblem(v) : null
                  if (p) throw new Error(pick(p, lang))
                },
              },
            ]}
          >
            <Input inputMode="numeric" autoComplete="off" data-testid="account-number" />
          </Form.Item>
          <Form.Item name="holderName" label={t('accountCard.holder')} rules={[{ required: true, max: 50 }]}>
            <Input />
          </Form.Item>
          {holder && holder.trim() !== workerName && (
            <Form.Item name="proxyReason" label={t('accountCard.proxyReason')} extra={t('accountCard.proxyReasonHint')} rules={[{ required: true, min: 2, max: 200 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          <ProblemAlert error={save.error} />
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="account-save">{t('common:actions.save')}</Button>
        </Form>
      </Modal>
    </Space>
  )
}
