/**
 * A load generator in its own thread (so it does not take the server's event loop): `concurrency`
 * keep-alive connections each send the next request as soon as the previous answer arrives.
 * Every request carries its own Idempotency-Key; a reset connection is retried once with the same key.
 */
import { Agent, request } from 'node:http'
import { randomUUID } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'

/** @typedef {{ base: string, path: string, token: string, total: number, concurrency: number, bodies: string[] }} LoadSpec — bodies are cycled */
/** @typedef {{ seconds: number, latencies: number[], statuses: Record<string, number> }} LoadResult */

function send(agent, spec, body, key) {
  const url = new URL(spec.path, spec.base)
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${spec.token}`,
          'idempotency-key': key,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function run(spec) {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency })
  const latencies = []
  const statuses = {}
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (next < spec.total) {
        const i = next++
        const body = spec.bodies[i % spec.bodies.length]
        const key = randomUUID()
        const t = performance.now()
        const status = await send(agent, spec, body, key).catch(() => send(agent, spec, body, key))
        latencies.push(performance.now() - t)
        statuses[status] = (statuses[status] ?? 0) + 1
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  agent.destroy()
  return { seconds, latencies, statuses }
}

if (parentPort && workerData) {
  const port = parentPort
  run(workerData).then((r) => port.postMessage(r), (e) => port.postMessage({ error: String(e) }))
}
