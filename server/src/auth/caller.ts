import { randomUUID } from 'node:crypto'
import { systemClock, today, type Clock } from '@gongfang/shared/clock'
import type { Locale } from '../http/locale.ts'
import { rootLogger, type Logger } from '../log.ts'
import type { Scope } from './scope.ts'
import type { AuthUser } from './user.ts'

/**
 * Who is asking, made once per request by the auth middleware and passed to every service as
 * `(db, caller, input)`: services never see HTTP. Background work uses systemCaller().
 */
export interface Caller {
  user: AuthUser | null
  scope: Scope
  /** Client address (X-Forwarded-For only behind a trusted proxy). */
  ip: string | null
  locale: Locale
  requestId: string
  clock: Clock
  /** Logger bound to this request (request id, caller id). */
  log: Logger
}

/** China date of the caller's clock: the one "today" for a request. */
export const callerToday = (caller: Pick<Caller, 'clock'>) => today(caller.clock)

/** A caller for work nobody asked for over HTTP (demo seeding, background folds, CLI). */
export function systemCaller(opts: { user?: AuthUser | null; scope?: Scope; clock?: Clock } = {}): Caller {
  const requestId = `system-${randomUUID()}`
  return {
    user: opts.user ?? null,
    scope: opts.scope ?? { kind: 'all' },
    ip: null,
    locale: 'zh-CN',
    requestId,
    clock: opts.clock ?? systemClock,
    log: rootLogger.child({ requestId }),
  }
}
