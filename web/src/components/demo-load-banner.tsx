import { Alert, Progress } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { api, ok } from '../api/client'

interface DemoLoadStatus {
  state: 'off' | 'loading' | 'done' | 'failed'
  percent: number
  step: string
  lines: number
}

/**
 * While the full demo writes its two years of daily work in the background, figures are still growing: say so,
 * with the progress, and refresh every query once it is done so the page shows the full figures.
 */
export function DemoLoadBanner() {
  const { t } = useTranslation('common')
  const client = useQueryClient()
  const status = useQuery({
    queryKey: ['public', 'demo-status'],
    queryFn: () => api.GET('/public/demo-status').then(ok),
    refetchInterval: (q) => (q.state.data?.state === 'loading' ? 3000 : false),
    staleTime: 0,
  })
  const was = useRef<DemoLoadStatus['state'] | undefined>(undefined)
  const state = status.data?.state
  useEffect(() => {
    if (was.current === 'loading' && state === 'done') void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'public' || q.queryKey[1] !== 'demo-status' })
    was.current = state
  }, [state, client])
  if (state !== 'loading') return null
  return (
    <Alert
      type="info"
      showIcon
      data-testid="demo-load-banner"
      message={t('demoLoad.title', { percent: status.data!.percent })}
      description={
        <>
          <Progress percent={status.data!.percent} size="small" />
          {t('demoLoad.detail')}
        </>
      }
    />
  )
}
