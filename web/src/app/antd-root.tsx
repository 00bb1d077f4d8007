import type { ReactNode } from 'react'
import { ConfigProvider } from 'antd'
import zhCN from 'antd/es/locale/zh_CN'
import enUS from 'antd/es/locale/en_US'
import { useTranslation } from 'react-i18next'
import { usePrefersReducedMotion } from '../components/use-reduced-motion'

/**
 * antd's theme and language, around whatever draws antd components: the staff shell, the login and public pages,
 * and the dialogs the light phone shell opens on demand. Not around the light shell itself: ConfigProvider derives
 * and writes the whole theme's tokens as CSS variables when it mounts, main-thread time a phone's first screen
 * without antd components does not need to spend.
 */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  const reducedMotion = usePrefersReducedMotion()
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#b7312c', borderRadius: 6, motion: !reducedMotion } }}
    >
      {children}
    </ConfigProvider>
  )
}
