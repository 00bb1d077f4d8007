/**
 * Group commit: jobs submitted while a batch is running wait and run together in the next batch, so a
 * single database connection does a few statements per batch instead of several per request.
 *
 * A batch starts on the next turn of the event loop (setImmediate), never at once: PGlite runs queries
 * synchronously inside promise callbacks, so a batch started straight from submit() would finish before
 * Node read the other requests already waiting on their sockets, and every batch would hold one job.
 * No timer is involved; the added wait is one loop turn.
 */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown }

export interface GroupRunnerOptions<J> {
  /** Batches running at once (1 for an in-process database with one connection). */
  concurrency: number
  /** At most this many jobs, and at most maxWeight in total (a job heavier than that runs alone). */
  maxJobs: number
  maxWeight: number
  weight: (job: J) => number
  /** Jobs that must not share a batch (e.g. the same Idempotency-Key): the later one waits for the next. */
  sameSlot?: (a: J, b: J) => boolean
}

interface Waiting<J, R> {
  job: J
  resolve: (r: R) => void
  reject: (e: unknown) => void
}

export class GroupRunner<J, R> {
  private queue: Waiting<J, R>[] = []
  private active = 0
  private scheduled = false
  /** Batches run and jobs in them, for benchmarks and tests. */
  readonly stats = { batches: 0, jobs: 0, largest: 0 }

  constructor(
    private readonly run: (jobs: J[]) => Promise<Outcome<R>[]>,
    private readonly opts: GroupRunnerOptions<J>,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject })
      this.schedule()
    })
  }

  private schedule() {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.pump()
    })
  }

  private pump() {
    while (this.active < this.opts.concurrency && this.queue.length > 0) {
      const batch = this.take()
      this.active++
      this.stats.batches++
      this.stats.jobs += batch.length
      this.stats.largest = Math.max(this.stats.largest, batch.length)
      this.run(batch.map((w) => w.job))
        .then(
          (outcomes) =>
            batch.forEach((w, i) => {
              const o = outcomes[i]
              if (!o) w.reject(new Error('group runner: no outcome for a job'))
              else if (o.ok) w.resolve(o.value)
              else w.reject(o.error)
            }),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.active--
          this.schedule()
        })
    }
  }

  /** The next batch, in arrival order; jobs that do not fit stay queued in their order. */
  private take(): Waiting<J, R>[] {
    const taken: Waiting<J, R>[] = []
    const rest: Waiting<J, R>[] = []
    let weight = 0
    for (const w of this.queue) {
      const wt = this.opts.weight(w.job)
      const fits =
        taken.length === 0 ||
        (taken.length < this.opts.maxJobs &&
          weight + wt <= this.opts.maxWeight &&
          !(this.opts.sameSlot && taken.some((t) => this.opts.sameSlot!(t.job, w.job))))
      if (fits) {
        taken.push(w)
        weight += wt
      } else rest.push(w)
    }
    this.queue = rest
    return taken
  }
}
