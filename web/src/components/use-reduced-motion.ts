import { useSyncExternalStore } from 'react'

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)'

function subscribe(onChange: () => void) {
  const mq = window.matchMedia(REDUCED_MOTION)
  mq.addEventListener('change', onChange)
  return () => mq.removeEventListener('change', onChange)
}

/**
 * The person asked their system for less motion (common among older users and people prone to dizziness):
 * antd's sliding dropdowns and zooming dialogs are then switched off, so what is tapped stays where it was.
 */
export const usePrefersReducedMotion = () => useSyncExternalStore(subscribe, () => window.matchMedia(REDUCED_MOTION).matches)
