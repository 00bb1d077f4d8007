import { lazy } from 'react'
import { useMe } from '../../api/client'
import { DemoLoadBanner } from '../../components/demo-load-banner'
import { homeOf } from '../../app/homes'

// Each person lands on their own work, and a phone loads only its own home: the worker's page does not carry the
// staff overview's region picker, nor the operator's the enterprise's tables.
const WorkerHome = lazy(() => import('./worker-home').then((m) => ({ default: m.WorkerHome })))
const OperatorHome = lazy(() => import('./operator-home').then((m) => ({ default: m.OperatorHome })))
const EnterpriseHome = lazy(() => import('./enterprise-home').then((m) => ({ default: m.EnterpriseHome })))
const StaffHome = lazy(() => import('./staff-home'))

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
