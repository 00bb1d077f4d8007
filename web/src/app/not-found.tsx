import { Button, Result } from 'antd'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'

/** The 404 screen, its own chunk: antd's Result carries its pictures, which no first screen needs. */
export default function NotFound() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Result
      status="404"
      title={t('errors.notFound')}
      subTitle={t('errors.notFoundHint')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('errors.backHome')}</Button>}
    />
  )
}
