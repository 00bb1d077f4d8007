import { lazy } from 'react'
import type { Role } from '@gongfang/shared'
import { meQuery, queryClient, useMe } from '../../api/client'
import { DemoLoadBanner } from '../../components/demo-load-banner'

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
const homeOf = (role: Role): (() => Promise<unknown>) => (role === 'worker' ? workerHome : role === 'operator' ? operatorHome : role === 'enterprise' ? enterpriseHome : staffHome)
void queryClient.fetchQuery(meQuery).then(
  (me) => void (me && homeOf(me.role)()),
  () => undefined,
)

export default function HomePage() {
  const user = useMe().data
  if (!user) return null
  return (
    <>
      <DemoLoadBanner />
      {user.role === 'worker' ? (
        <WorkerHome user={user} />
      ) : user.role === 'operator' ? (
        <OperatorHome user={user} />
      ) : user.role === 'enterprise' ? (
        <EnterpriseHome user={user} />
      ) : (
        <StaffHome user={user} />
      )}
    </>
  )
}
