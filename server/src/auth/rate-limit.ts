/**
 * Sliding-window failure memory shared by the two limiters below: per key, the time each tag last failed.
 * A key is held back once `max` tags failed within `windowMs`; in memory, per process.
 */
abstract class WindowLimiter {
  private readonly failures = new Map<string, Map<string, number>>()
  constructor(
    private readonly max: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): Map<string, number> {
    const m = this.failures.get(key) ?? new Map<string, number>()
    for (const [tag, t] of m) if (now - t >= this.windowMs) m.delete(tag)
    if (m.size) this.failures.set(key, m)
    else this.failures.delete(key)
    return m
  }

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(key: string, now = Date.now()): number {
    const m = this.recent(key, now)
    if (m.size < this.max) return 0
    const oldest = Math.min(...m.values())
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }

  protected record(key: string, tag: string, now: number): void {
    const m = this.recent(key, now)
    m.set(tag, now)
    this.failures.set(key, m)
  }

  reset(key?: string): void {
    if (key === undefined) this.failures.clear()
    else this.failures.delete(key)
  }
}

/** Counts failures per key in a sliding window; every failure counts, even two in the same millisecond. */
export class FailureLimiter extends WindowLimiter {
  private seq = 0
  constructor(
    readonly maxFailures: number,
    windowMs: number,
  ) {
    super(maxFailures, windowMs)
  }

  fail(key: string, now = Date.now()): void {
    this.record(key, String(this.seq++), now)
  }
}

/**
 * Password spraying: one address failing on many different usernames (one password tried on each) is
 * limited even though no single username reaches its own limit. Counts distinct usernames per key.
 */
export class SprayLimiter extends WindowLimiter {
  constructor(
    readonly maxUsernames: number,
    windowMs: number,
  ) {
    super(maxUsernames, windowMs)
  }

  fail(key: string, username: string, now = Date.now()): void {
    this.record(key, username, now)
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
