/** Counts failures per key in a sliding window; in memory, per process. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()
  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (list.length) this.failures.set(key, list)
    else this.failures.delete(key)
    return list
  }

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now)
    if (list.length < this.maxFailures) return 0
    return Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000))
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now])
  }

  reset(key?: string): void {
    if (key === undefined) this.failures.clear()
    else this.failures.delete(key)
  }
}

/**
 * Password spraying: one address failing on many different usernames (one password tried on each) is
 * limited even though no single username reaches its own limit. Counts distinct usernames per key.
 */
export class SprayLimiter {
  private readonly failures = new Map<string, Map<string, number>>()
  constructor(
    readonly maxUsernames: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): Map<string, number> {
    const m = this.failures.get(key) ?? new Map<string, number>()
    for (const [u, t] of m) if (now - t >= this.windowMs) m.delete(u)
    if (m.size) this.failures.set(key, m)
    else this.failures.delete(key)
    return m
  }

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(key: string, now = Date.now()): number {
    const m = this.recent(key, now)
    if (m.size < this.maxUsernames) return 0
    const oldest = Math.min(...m.values())
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }

  fail(key: string, username: string, now = Date.now()): void {
    const m = this.recent(key, now)
    m.set(username, now)
    this.failures.set(key, m)
  }

  reset(key?: string): void {
    if (key === undefined) this.failures.clear()
    else this.failures.delete(key)
  }
}

/**
 * Delay owed after `failures` consecutive failures: none for the first `free`, then 1×, 2×, 4× … `baseS`
 * seconds, never more than `capS`. The cap keeps an attacker from locking the real user out for long.
 */
export function backoffSeconds(failures: number, free: number, baseS: number, capS: number): number {
  if (failures < free) return 0
  return Math.min(capS, baseS * 2 ** Math.min(failures - free, 30))
}

/**
 * Growing delays per key (a username, whatever address the tries come from): after `free` consecutive
 * failures each next try must wait longer; refused tries are not counted, a success resets, and a quiet
 * `forgetMs` after the last failure forgets it. In memory, per process, like the limiters above.
 */
export class BackoffLimiter {
  private readonly state = new Map<string, { failures: number; last: number }>()
  constructor(
    readonly free: number,
    readonly baseS = 1,
    readonly capS = 300,
    readonly forgetMs = 15 * 60_000,
  ) {}

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(key: string, now = Date.now()): number {
    const s = this.state.get(key)
    if (!s) return 0
    if (now - s.last >= this.forgetMs) {
      this.state.delete(key)
      return 0
    }
    const left = s.last + backoffSeconds(s.failures, this.free, this.baseS, this.capS) * 1000 - now
    return left > 0 ? Math.ceil(left / 1000) : 0
  }

  fail(key: string, now = Date.now()): void {
    const s = this.state.get(key)
    const failures = s && now - s.last < this.forgetMs ? s.failures + 1 : 1
    this.state.set(key, { failures, last: now })
  }

  reset(key?: string): void {
    if (key === undefined) this.state.clear()
    else this.state.delete(key)
  }
}
