import type { ReactNode } from 'react'
import { Form, Modal, type ButtonProps, type FormInstance } from 'antd'
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query'
import { ProblemAlert } from './problem-alert'

/**
 * A dialog around one form: OK submits the form and its values go to `save`. Once saved, the form starts afresh
 * and the dialog closes; a refused save shows its problem under the form and leaves the values for correcting.
 */
export function FormModal<V, R = unknown>({
  open,
  title,
  onClose,
  save,
  onSaved,
  refresh,
  initialValues,
  form,
  okText,
  okButtonProps,
  children,
}: {
  open: boolean
  title: ReactNode
  onClose: () => void
  save: (values: V) => Promise<R>
  /** After a successful save, before the form resets (invalidate queries, say what was saved). */
  onSaved?: (result: R) => void
  /** The queries a save makes stale (a key prefix): asked again once it is saved. */
  refresh?: QueryKey
  initialValues?: Partial<V>
  /** The caller's form, when its fields need to watch each other; otherwise the dialog keeps its own. */
  form?: FormInstance<V>
  okText?: ReactNode
  okButtonProps?: ButtonProps
  children: ReactNode
}) {
  const [own] = Form.useForm<V>()
  const f = form ?? own
  const qc = useQueryClient()
  const m = useMutation({
    mutationFn: save,
    onSuccess: (r) => {
      if (refresh) void qc.invalidateQueries({ queryKey: refresh })
      onSaved?.(r)
      f.resetFields()
      onClose()
    },
  })
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => f.submit()}
      okText={okText}
      okButtonProps={okButtonProps}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      <Form form={f} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={initialValues}>
        {children}
      </Form>
      <ProblemAlert error={m.error} />
    </Modal>
  )
}
