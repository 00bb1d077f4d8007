import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * Structured JSON logs (pino): one line per event, a request id on every request's lines.
 * Never log personal data: ids, codes, statuses and durations only.
 * GONGFANG_LOG_LEVEL sets the level; tests default to 'silent' unless it is set.
 */
export const rootLogger: Logger = pino({
  level: process.env.GONGFANG_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'gongfang' },
  timestamp: pino.stdTimeFunctions.isoTime,
})
