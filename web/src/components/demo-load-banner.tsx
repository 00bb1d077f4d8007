import { useQuery, useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useRef } from 'react'
import { api, ok } from '../api/client'

// The banner itself (antd's Alert and Progress) is fetched only while a demo loads: most starts never show it.
const DemoLoadAlert = lazy(() => import('./demo-load-alert'))

export interface DemoLoadStatus {
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
    <Suspense fallback={null}>
      <DemoLoadAlert status={status.data!} />
    </Suspense>
  )
}
