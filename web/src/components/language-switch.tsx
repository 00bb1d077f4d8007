import { Button } from 'antd'
import { TranslationOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { setLanguage } from '../api/auth'
import { currentLanguage } from '../i18n'

/** Two languages, so one toggle: it names the language it switches to. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en'
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      aria-label={t('language.label')}
      lang={next}
      onClick={() => void setLanguage(next)}
      data-testid="language-switch"
    >
      {compact ? t('language.short') : t('language.switchTo')}
    </Button>
  )
}
