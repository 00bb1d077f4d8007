import { useState } from 'react'
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DEDUCTION_CODES, type Deduction, type DeductionCode, type Paysheet } from '@gongfang/shared'
import { addDeduction, approveDeduction, deleteDeduction, rejectDeduction } from '../../api/wages'
import { yuanToFen } from '../../api/around'
import { Money } from '../../components/money'
import { CardTable } from '../../components/card-table'

/** A deduction code in the reader's language. */
export const deductionLabel = (code: DeductionCode, lang: string) => (lang.startsWith('zh') ? DEDUCTION_CODES[code].zh : DEDUCTION_CODES[code].en)

/**
 * The deductions of a sheet: bookkeepers add and remove them while it is open, staff approve or reject them
 * with a reason (the server refuses one's own entry and any that would make a net negative, with words the
 * message shows). A rejected one stays listed, with its reason, and does not count.
 */
export function PaysheetDeductions({ sheet, canWrite, canApprove, run }: {
  sheet: Paysheet
  canWrite: boolean
  canApprove: boolean
  run: (fn: () => Promise<unknown>, ok?: string) => Promise<boolean>
}) {
  const { t, i18n } = useTranslation('wages')
  const [open, setOpen] = useState(false)
  const [rejecting, setRejecting] = useState<Deduction | null>(null)
  const [form] = Form.useForm()
  const [rejectForm] = Form.useForm()
  const editable = sheet.status === 'draft' || sheet.status === 'submitted'
  if (!editable && sheet.deductions.length === 0) return null
  return (
    <Card
      size="small"
      title={t('paysheets.deductionList')}
      data-testid="deductions"
      extra={canWrite && editable && <Button onClick={() => setOpen(true)} data-testid="deduction-add">{t('paysheets.deductionAdd')}</Button>}
    >
      {editable && sheet.deductions.some((d) => d.status === 'pending') && <Typography.Paragraph type="secondary">{t('paysheets.deductionPendingNote')}</Typography.Paragraph>}
      <CardTable<Deduction>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('paysheets.deductionNone') }}
        dataSource={sheet.deductions}
        columns={[
          { title: t('paysheets.name'), dataIndex: 'workerName' },
          { title: t('paysheets.deductionCode'), dataIndex: 'code', render: (c: DeductionCode) => deductionLabel(c, i18n.language) },
          { title: t('paysheets.deductionAmount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('paysheets.deductionReason'), dataIndex: 'reason' },
          {
            title: t('paysheets.deductionStatus'),
            dataIndex: 'status',
            render: (v: Deduction['status'], d: Deduction) => (
              <Space direction="vertical" size={0}>
                <Tag color={v === 'approved' ? 'green' : v === 'rejected' ? 'default' : 'orange'} data-testid={`deduction-status-${v}`}>{t(`paysheets.deductionStates.${v}`)}</Tag>
                {v === 'rejected' && d.rejectReason && <Typography.Text type="secondary">{t('paysheets.deductionRejectedBecause', { reason: d.rejectReason })}</Typography.Text>}
              </Space>
            ),
          },
          ...(editable && (canWrite || canApprove)
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, d: Deduction) => (
                    <Space>
                      {canApprove && d.status === 'pending' && (
                        <Button size="small" type="primary" data-testid="deduction-approve" onClick={() => run(() => approveDeduction(sheet.id, d.id), t('paysheets.deductionApproved'))}>
                          {t('paysheets.deductionApprove')}
                        </Button>
                      )}
                      {canApprove && d.status === 'pending' && (
                        <Button size="small" data-testid="deduction-reject" onClick={() => setRejecting(d)}>
                          {t('paysheets.deductionReject')}
                        </Button>
                      )}
                      {canWrite && (
                        <Popconfirm title={t('paysheets.deductionDeleteConfirm')} onConfirm={() => run(() => deleteDeduction(sheet.id, d.id), t('paysheets.deductionDeleted'))}>
                          <Button size="small" danger data-testid="deduction-delete">{t('paysheets.deductionDelete')}</Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={t('paysheets.deductionRejectTitle')}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
        okText={t('paysheets.deductionReject')}
        okButtonProps={{ danger: true, 'data-testid': 'deduction-reject-confirm' } as never}
        onOk={async () => {
          const v = await rejectForm.validateFields()
          const ok = await run(() => rejectDeduction(sheet.id, rejecting!.id, v.reason), t('paysheets.deductionRejected'))
          if (ok) setRejecting(null)
        }}
      >
        {rejecting && (
          <Typography.Paragraph>
            {rejecting.workerName} · {deductionLabel(rejecting.code, i18n.language)} · <Money fen={rejecting.amountFen} /> · {rejecting.reason}
          </Typography.Paragraph>
        )}
        <Form form={rejectForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('paysheets.deductionRejectReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('paysheets.deductionRejectHint') }]}>
            <Input.TextArea maxLength={500} rows={2} placeholder={t('paysheets.deductionRejectHint')} data-testid="deduction-reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open}
        title={t('paysheets.deductionAdd')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'deduction-save' } as never}
        onOk={async () => {
          const v = await form.validateFields()
          const ok = await run(() => addDeduction(sheet.id, { workerId: v.workerId, code: v.code, amountFen: yuanToFen(v.amount)!, reason: v.reason }), t('paysheets.deductionAdded'))
          if (ok) setOpen(false)
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ code: 'utilities' }}>
          <Form.Item name="workerId" label={t('paysheets.deductionWorker')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={sheet.lines.map((l) => ({ value: l.workerId, label: l.workerName }))} data-testid="deduction-worker" />
          </Form.Item>
          <Form.Item name="code" label={t('paysheets.deductionCode')} rules={[{ required: true }]}>
            <Select options={(Object.keys(DEDUCTION_CODES) as DeductionCode[]).map((c) => ({ value: c, label: deductionLabel(c, i18n.language) }))} />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('paysheets.deductionAmount')}
            rules={[{ required: true, validator: (_, v) => ((yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('paysheets.deductionAmountBad')))) }]}
          >
            <Input inputMode="decimal" data-testid="deduction-amount" />
          </Form.Item>
          <Form.Item name="reason" label={t('paysheets.deductionReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('paysheets.deductionReasonHint') }]}>
            <Input.TextArea maxLength={500} rows={2} placeholder={t('paysheets.deductionReasonHint')} data-testid="deduction-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
