import { resolve } from 'node:path'
import { z } from 'zod'

export type DemoScale = 'small' | 'full'

export interface Config {
  port: number
  databaseUrl?: string
  dataDir: string
  /**
   * Demo data for an empty database (default: `full` on embedded, off on PostgreSQL). `small` is the quick demo the
   * tests use; `full` adds, in the background after the server answers, two years of daily work for Lishui and the
   * other ten cities' workshops, so the cockpit shows the articles' figures.
   */
  demo: DemoScale | false
  trustProxy: boolean
  /** Idempotency keys older than this are removed (a retry after that is a new request). */
  idempotencyTtlHours: number
  /** How often expired sessions and old idempotency keys are removed. */
  housekeepingMinutes: number
  /** Longest a statement may run before it ends in a 503 (PostgreSQL statement_timeout; PGlite's watchdog). */
  statementTimeoutMs: number
  smsWebhookUrl: string | undefined
  /** PGlite on a worker thread (default), so a long statement never stops the HTTP thread. */
  pgliteThread: boolean
}

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')
const positiveInt = (name: string, max: number) =>
  z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`)

/** The environment the server reads; anything else set with a GONGFANG_ prefix is ignored. */
const EnvSchema = z.object({
  PORT: positiveInt('PORT', 65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  GONGFANG_DATA_DIR: z.string().min(1).default('data'),
  GONGFANG_DEMO: z
    .enum(['0', '1', 'true', 'false', 'small', 'full'], { error: 'GONGFANG_DEMO must be 0, 1, small or full' })
    .transform((v): DemoScale | false => (v === '0' || v === 'false' ? false : v === 'small' ? 'small' : 'full'))
    .optional(),
  GONGFANG_TRUST_PROXY: flag.default(false),
  GONGFANG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  GONGFANG_IDEMPOTENCY_TTL_HOURS: positiveInt('GONGFANG_IDEMPOTENCY_TTL_HOURS', 24 * 365).default(72),
  GONGFANG_HOUSEKEEPING_MINUTES: positiveInt('GONGFANG_HOUSEKEEPING_MINUTES', 24 * 60).default(60),
  GONGFANG_STATEMENT_TIMEOUT_MS: positiveInt('GONGFANG_STATEMENT_TIMEOUT_MS', 3_600_000).default(30_000),
  GONGFANG_PGLITE_THREAD: flag.default(true),
  /** Read by the reveal service at the time of each reveal; checked here so a typo stops the start. */
  GONGFANG_REVEAL_LIMIT_PER_HOUR: positiveInt('GONGFANG_REVEAL_LIMIT_PER_HOUR', 10_000).optional(),
  /** Read by the audit log's unusual-reads check; checked here so a typo stops the start. */
  GONGFANG_UNUSUAL_READS_PER_DAY: positiveInt('GONGFANG_UNUSUAL_READS_PER_DAY', 1_000_000).optional(),
  /** An SMS gateway (or an adapter in front of one) that takes POST { phone, text, id }; unset: messages are only stored. */
  GONGFANG_SMS_WEBHOOK_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
})

export class ConfigError extends Error {}

/** Reads and checks the environment once at start; a bad value stops the start with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid environment (环境变量有误):\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.GONGFANG_DATA_DIR),
    demo: e.GONGFANG_DEMO ?? (e.DATABASE_URL ? false : 'full'),
    trustProxy: e.GONGFANG_TRUST_PROXY,
    idempotencyTtlHours: e.GONGFANG_IDEMPOTENCY_TTL_HOURS,
    housekeepingMinutes: e.GONGFANG_HOUSEKEEPING_MINUTES,
    statementTimeoutMs: e.GONGFANG_STATEMENT_TIMEOUT_MS,
    pgliteThread: e.GONGFANG_PGLITE_THREAD,
    smsWebhookUrl: e.GONGFANG_SMS_WEBHOOK_URL,
  }
}
