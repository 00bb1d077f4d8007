import { Alert, Button, type FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { problemParts } from './problem-parts'

/** Shows any error from the API client: the problem's title, detail and field errors. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  if (!error) return null
  const { title, detail, fields } = problemParts(error, t)
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        detail || fields.length ? (
          <>
            {detail}
            {fields.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {fields.map((f) => <li key={f}>{f}</li>)}
              </ul>
            )}
          </>
        ) : undefined
      }
      action={onRetry && <Button size="small" onClick={onRetry}>{t('errors.retry')}</Button>}
    />
  )
}

/** Puts a 422's field errors on the matching antd Form fields; returns whether any matched. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  const known = new Set(Object.keys(form.getFieldsValue(true)))
  const fields = error.fieldErrors
    .map((f) => ({ name: f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] }))
    .filter((f) => known.has(String(f.name[0])))
  form.setFields(fields)
  return fields.length > 0
}
