import { Card, Col, Progress, Row, Statistic, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CockpitSummary } from '@gongfang/shared/cockpit'
import { formatFen } from '../../components/money'
import { CARD_FIGURES, formatFigure, MONEY_FIGURES, suppressedOf, typesText, type AnyFigures } from './figure-format'

// The antd cards of the cockpit; the public page draws the same figures in plain HTML (pages/public/public-parts.tsx).
/** The big-number cards; the workshop card carries its target and the split by type. */
export function FigureCards({ figures, targets = [] }: { figures: AnyFigures; targets?: CockpitSummary['targets'] }) {
  const { t, i18n } = useTranslation('cockpit')
  const suppressed = suppressedOf(figures)
  const wsTarget = targets.find((x) => ['workshops', 'workshops_operating'].includes(x.figure))
  return (
    <Row gutter={[12, 12]} data-testid="cockpit-cards">
      {CARD_FIGURES.map((key) => {
        const value = figures[key] as number | null
        const text = formatFigure(key, value, i18n.language, suppressed.includes(key))
        return (
          <Col key={key} xs={12} sm={8} lg={6} xl={4}>
            <Card size="small" styles={{ body: { padding: 12 } }} data-figure={key}>
              <Statistic
                title={t(`figures.${key}`)}
                valueRender={() => (
                  <Tooltip title={value != null && MONEY_FIGURES.has(key) ? formatFen(value) : undefined}>
                    <span style={{ fontSize: 22, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{text}</span>
                  </Tooltip>
                )}
              />
              {key === 'workshopsOperating' && wsTarget && (
                <Tooltip title={t('target', { value: wsTarget.value.toLocaleString(), year: wsTarget.year })}>
                  <Progress percent={Math.min(100, Math.round(((wsTarget.actual ?? 0) * 100) / wsTarget.value))} size="small" />
                </Tooltip>
              )}
              {key === 'workshopsOperating' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {typesText(figures, t)}
                </Typography.Text>
              )}
            </Card>
          </Col>
        )
      })}
    </Row>
  )
}
