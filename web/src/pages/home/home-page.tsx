import { lazy } from 'react'
import { meQuery, queryClient, useMe } from '../../api/client'
import { DemoLoadBanner } from '../../components/demo-load-banner'
import { homeOf, type Home } from '../../app/homes'

// Each person lands on their own work, and a phone loads only its own home: the worker's page does not carry the
// staff overview's region picker, nor the operator's the enterprise's tables.
const workerHome = () => import('./worker-home')
const operatorHome = () => import('./operator-home')
const enterpriseHome = () => import('./enterprise-home')
const staffHome = () => import('./staff-home')
const WorkerHome = lazy(() => workerHome().then((m) => ({ default: m.WorkerHome })))
const OperatorHome = lazy(() => operatorHome().then((m) => ({ default: m.OperatorHome })))
const EnterpriseHome = lazy(() => enterpriseHome().then((m) => ({ default: m.EnterpriseHome })))
const StaffHome = lazy(() => staffHome())

// main.tsx loads this module and asks who is calling at start; the role's home is fetched as soon as the answer
// is in, before this page first renders.
const HOME_CHUNKS: Record<Home, () => Promise<unknown>> = { worker: workerHome, operator: operatorHome, enterprise: enterpriseHome, staff: staffHome }
void queryClient.fetchQuery(meQuery).then(
  (me) => void (me && HOME_CHUNKS[homeOf(me)]()),
  () => undefined,
)

export default function HomePage() {
  const user = useMe().data
  if (!user) return null
  const home = homeOf(user)
  return (
    <>
      <DemoLoadBanner />
      {home === 'worker' ? (
        <WorkerHome user={user} />
      ) : home === 'operator' ? (
        <OperatorHome user={user} />
      ) : home === 'enterprise' ? (
        <EnterpriseHome user={user} />
      ) : (
        <StaffHome user={user} />
      )}
    </>
  )
}
