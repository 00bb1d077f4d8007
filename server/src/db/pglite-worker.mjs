// PGlite on its own thread, served over the PostgreSQL wire protocol on a Unix socket (pglite-socket), so
// the HTTP thread talks to it with the same `pg` driver as to PostgreSQL and never runs WASM itself: a long
// statement here blocks this thread only. Plain JavaScript: a worker thread does not inherit tsx's loader.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const { dataDir, loadDataDir, socketPath, channels } = workerData
const db = await PGlite.create({ dataDir, loadDataDir })
const listen = (channel) => db.exec(`LISTEN "${channel}"`)
for (const channel of channels) await listen(channel)
// One connection: PGlite has one backend, and pglite-socket interleaves the protocol messages of several
// connections, which would mix their unnamed statements and portals.
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 })
await server.start()
parentPort.postMessage({ type: 'ready' })

parentPort.on('message', async (m) => {
  if (m.type === 'ping') parentPort.postMessage({ type: 'pong', at: m.at })
  else if (m.type === 'listen') {
    await listen(m.channel)
    parentPort.postMessage({ type: 'listening', id: m.id })
  }
  else if (m.type === 'dump') {
    try {
      const file = await db.dumpDataDir(m.compression ?? 'gzip')
      parentPort.postMessage({ type: 'dump', id: m.id, file })
    } catch (e) {
      parentPort.postMessage({ type: 'dump', id: m.id, error: String(e) })
    }
  } else if (m.type === 'close') {
    await server.stop()
    await db.close()
    parentPort.postMessage({ type: 'closed' })
  }
})
