import { expect, test } from 'vitest'
import { counted, requestsInFlight, whenRequestsIdle } from './in-flight.ts'

test('a request counts while it is answered, also when it fails; background work waits for none, or gives up', async () => {
  let release!: () => void
  const answering = counted(() => new Promise<void>((r) => (release = r)))
  const failing = counted(async () => {
    throw new Error('bad input')
  })
  await expect(failing).rejects.toThrow('bad input')
  expect(requestsInFlight()).toBe(1)

  // Gives up after its limit while the request is still being answered.
  const t0 = Date.now()
  expect(await whenRequestsIdle(30)).toBe(true) // someone was waiting

  expect(Date.now() - t0).toBeGreaterThanOrEqual(25)
  expect(requestsInFlight()).toBe(1)

  // Resolves as soon as the last request is answered, long before its limit.
  let idle = false
  const waiting = whenRequestsIdle(10_000).then(() => (idle = true))
  await new Promise((r) => setTimeout(r, 20))
  expect(idle).toBe(false)
  release()
  await answering
  await waiting
  expect(requestsInFlight()).toBe(0)
  expect(await whenRequestsIdle(10_000)).toBe(false) // nobody waiting: at once
})
