import { Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** The product's mark and name, on its own so that the login page does not load the signed-in shell for it. */
export function Brand({ short = false }: { short?: boolean }) {
  const { t } = useTranslation()
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
        {short ? t('productName') : t('productFull')}
      </Typography.Text>
    </Flex>
  )
}
