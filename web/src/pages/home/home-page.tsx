import { lazy } from 'react'
import { useMe } from '../../api/client'

// Each person lands on their own work, and a phone loads only its own home: the worker's page does not carry the
// staff overview's region picker, nor the operator's the enterprise's tables.
const WorkerHome = lazy(() => import('./worker-home').then((m) => ({ default: m.WorkerHome })))
const OperatorHome = lazy(() => import('./operator-home').then((m) => ({ default: m.OperatorHome })))
const EnterpriseHome = lazy(() => import('./enterprise-home').then((m) => ({ default: m.EnterpriseHome })))
const StaffHome = lazy(() => import('./staff-home'))

export default function HomePage() {
  const user = useMe().data
  if (!user) return null
  if (user.role === 'worker') return <WorkerHome user={user} />
  if (user.role === 'operator') return <OperatorHome user={user} />
  if (user.role === 'enterprise') return <EnterpriseHome user={user} />
  return <StaffHome user={user} />
}
