import { expect, test } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

test('defaults: embedded database with demo data on port 3000', () => {
  const c = loadConfig({})
  expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, demo: 'full', trustProxy: false, idempotencyTtlHours: 72 })
  expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false)
  expect(loadConfig({ GONGFANG_DEMO: 'small' }).demo).toBe('small')
  expect(loadConfig({ GONGFANG_DEMO: '1' }).demo).toBe('full')
  expect(loadConfig({ GONGFANG_DEMO: '0' }).demo).toBe(false)
  expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
})

test('a bad environment stops the start with every problem named', () => {
  const err = (() => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', GONGFANG_DEMO: 'yes' })
    } catch (e) {
      return e
    }
  })()
  expect(err).toBeInstanceOf(ConfigError)
  const msg = (err as Error).message
  expect(msg).toContain('PORT')
  expect(msg).toContain('DATABASE_URL must start with postgres://')
  expect(msg).toContain('GONGFANG_DEMO')
})
