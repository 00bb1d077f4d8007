import { Alert, Progress } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DemoLoadStatus } from './demo-load-banner'

/** What DemoLoadBanner shows while the full demo is still being written. */
export default function DemoLoadAlert({ status }: { status: DemoLoadStatus }) {
  const { t } = useTranslation('common')
  return (
    <Alert
      type="info"
      showIcon
      data-testid="demo-load-banner"
      message={t('demoLoad.title', { percent: status.percent })}
      description={
        <>
          <Progress percent={status.percent} size="small" />
          {t('demoLoad.detail')}
        </>
      }
    />
  )
}
