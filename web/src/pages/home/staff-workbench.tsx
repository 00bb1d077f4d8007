import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type {  WorkbenchItemKey } from '@gongfang/shared/workbench'
import { api, ok } from '../../api/client'
import { formatFen } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'

/** Where each count is worked through. */
const LINKS: Record<WorkbenchItemKey, string> = {
  paysheetsAwaitingApproval: '/paysheets',
  overdueArrears: '/orders',
  incomeAlerts: '/income',
  overdueImprovementPlans: '/ratings',
  partnerApplications: '/partners',
  importsWithErrors: '/imports',
  disputesToMediate: '/orders',
}

export const workbenchKey = ['workbench'] as const

/**
 * The staff to-do list (待办): one tile per kind of work waiting, with its count and a link. Income alerts are
 * not counted here (too slow to run on every visit: see the workbench service); their tile links to the list.
 */
export function StaffWorkbench() {
  const { t } = useTranslation('home')
  const quick = useQuery({
    queryKey: workbenchKey,
    queryFn: ({ signal }) => api.GET('/workbench', { signal }).then(ok),
  })
  const data = quick.data
  return (
    <Card
      title={t('workbench.title')}
      extra={data && <Typography.Text type="secondary">{t('workbench.asOf', { date: data.asOf })}</Typography.Text>}
      data-testid="workbench"
    >
      {quick.isError && <ProblemAlert error={quick.error} />}
      {!data && quick.isLoading && <Skeleton active />}
      {data && (
        <Row gutter={[12, 12]}>
          {data.items.map((item) => {
            const value = item.count === null ? t('workbench.open') : item.count
            const urgent = (item.count ?? 0) > 0
            return (
              <Col key={item.key} xs={12} sm={8} lg={6} xl={6}>
                <Link to={LINKS[item.key]} data-testid={`todo-${item.key}`} data-count={item.count ?? ''}>
                  <Card
                    hoverable
                    size="small"
                    style={{
                      height: '100%',
                      borderColor: urgent ? '#f3c9a9' : undefined,
                      background: urgent ? '#fff7f0' : undefined,
                    }}
                  >
                    <Statistic
                      title={<span style={{ color: 'rgba(0,0,0,0.75)' }}>{t(`workbench.items.${item.key}`)}</span>}
                      value={value}
                      styles={{ content: { color: urgent ? '#b7312c' : undefined, fontSize: 28 } }}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.key === 'overdueArrears' && item.amountFen
                        ? formatFen(item.amountFen)
                        : item.key === 'incomeAlerts'
                          ? t('workbench.alertMonth', { month: data.alertMonth })
                          : t(`workbench.hints.${item.key}`)}
                    </Typography.Text>
                  </Card>
                </Link>
              </Col>
            )
          })}
        </Row>
      )}
    </Card>
  )
}
