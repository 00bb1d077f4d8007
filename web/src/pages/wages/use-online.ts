import { formatFen } from '../../components/money'
import { useEffect, useState } from 'react'
import { today } from '@gongfang/shared/clock'

/** navigator.onLine, live. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine)
  useEffect(() => {
    const on = () => setOnline(true)
    const off = () => setOnline(false)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
    }
  }, [])
  return online
}

/** Makes the page installable: links the web manifest and registers the service worker (built web app only). */
export function useInstallable() {
  useEffect(() => {
    if (!document.querySelector('link[rel="manifest"]')) {
      const link = Object.assign(document.createElement('link'), { rel: 'manifest', href: '/wages.webmanifest' })
      document.head.append(link)
    }
    if ('serviceWorker' in navigator && import.meta.env.PROD) void navigator.serviceWorker.register('/wages-sw.js', { scope: '/' }).catch(() => undefined)
  }, [])
}

/** Kept for the wage pages' imports: the one money format lives in components/money. */
export const fenText = (fen: number) => formatFen(fen)

/** Today in China (UTC+8), YYYY-MM-DD — the work day of the operator's notebook. */
export const todayCn = () => today()
