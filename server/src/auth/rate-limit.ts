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

  reset(key: string): void {
    this.failures.delete(key)
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
