import { useSyncExternalStore } from 'react'

/** Phone layout at ≤ 768 px (drawer menu, tighter padding, cards instead of wide tables). */
export const MOBILE_QUERY = '(max-width: 768px)'

function subscribe(cb: () => void) {
  const mq = window.matchMedia(MOBILE_QUERY)
  mq.addEventListener('change', cb)
  return () => mq.removeEventListener('change', cb)
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(MOBILE_QUERY).matches)
}
