import type { ReactNode } from 'react'
import { Card, Col, Row, Statistic } from 'antd'

export type StatCard = {
  key?: string
  title: ReactNode
  value: string | number
  /** After the value, smaller, e.g. "/ 2,000" of a part and its whole. */
  suffix?: ReactNode
  /** The value's colour, for a figure that is good news. */
  color?: string
  testId?: string
}

/**
 * Half a 360 px phone is about 150 px: a sum in millions of yuan (¥2,026,347.49) at the usual 24 px ran out of
 * its card. Smaller on a narrow screen, and broken between digits rather than overflowing.
 */
const FIT = { fontSize: 'clamp(17px, 5vw, 24px)', overflowWrap: 'anywhere' } as const

/** A row of small figure cards over a list (totals of what the list holds): two a line on a phone. */
export function StatCards({ items, md }: {
  items: readonly StatCard[]
  /** Columns (of 24) each card takes from the md width up. */
  md: number
}) {
  return (
    <Row gutter={[12, 12]}>
      {items.map((s, i) => (
        <Col xs={12} md={md} key={s.key ?? i}>
          <Card size="small">
            <Statistic title={s.title} value={s.value} suffix={s.suffix} styles={{ content: { ...FIT, ...(s.color ? { color: s.color } : {}) } }} data-testid={s.testId} />
          </Card>
        </Col>
      ))}
    </Row>
  )
}
