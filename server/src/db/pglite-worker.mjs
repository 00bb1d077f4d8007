// PGlite on its own thread, served over the PostgreSQL wire protocol on a Unix socket (pglite-socket), so
// the HTTP thread talks to it with the same `pg` driver as to PostgreSQL and never runs WASM itself: a long
// statement here blocks this thread only. Plain JavaScript: a worker thread does not inherit tsx's loader.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const { dataDir, loadDataDir, socketPath, channels, runningSince, startParams } = workerData
const db = await PGlite.create({ dataDir, loadDataDir, startParams })
// Every protocol message from a connection runs through here: mark when it started in the memory shared with
// the HTTP thread, whose watchdog ends a statement past its limit (the WASM call blocks this thread, so the
// mark is the only thing the other side can read while it runs).
const execProtocolRawStream = db.execProtocolRawStream.bind(db)
db.execProtocolRawStream = async (message, options) => {
  Atomics.store(runningSince, 0, BigInt(Date.now()))
  try {
    return await execProtocolRawStream(message, options)
  } finally {
    Atomics.store(runningSince, 0, 0n)
  }
}
const listen = (channel) => db.exec(`LISTEN "${channel}"`)
for (const channel of channels) await listen(channel)
// The pool on the HTTP thread opens one connection at a time: PGlite has one backend, and pglite-socket would
// interleave the protocol messages of two busy connections, mixing their unnamed statements and portals. Yet
// two may be open: pg's pool drops a connection after a failed query and opens the next one at once, while the
// old socket is still closing (it only sends Terminate; a transaction it left open is rolled back).
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2, debug: process.env.GF_PGLITE_SOCKET_DEBUG === '1' })
// A connection's prepared statements live in the one backend, not in the connection: the next connection
// (pg prepares the same names again) would find them and fail. Forget them before it sends anything; this
// runs ahead of its first message, both going through PGlite's one lock in order.
server.addEventListener('connection', () => void db.exec('DEALLOCATE ALL').catch(() => {}))
await server.start()
parentPort.postMessage({ type: 'ready' })

parentPort.on('message', async (m) => {
  if (m.type === 'listen') {
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
