import { Alert, Progress } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DemoLoadStatus } from './demo-load-banner'
import { AntdRoot } from '../app/antd-root'

/** What DemoLoadBanner shows while the full demo is still being written (in the theme: the light phone shell has none). */
export default function DemoLoadAlert({ status }: { status: DemoLoadStatus }) {
  const { t } = useTranslation('common')
  return (
    <AntdRoot>
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
    </AntdRoot>
  )
}
