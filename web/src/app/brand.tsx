import { Flex, theme } from 'antd'
import { useTranslation } from 'react-i18next'

/** The product's mark and name, on its own so that the login page does not load the signed-in shell for it. */
export function Brand({ short = false }: { short?: boolean }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  // A plain span, not Typography: the login page would load Typography's tooltip and editing code for one word.
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      <span style={{ fontSize: 17, fontWeight: token.fontWeightStrong, whiteSpace: 'nowrap', color: token.colorText }}>
        {short ? t('productName') : t('productFull')}
      </span>
    </Flex>
  )
}
