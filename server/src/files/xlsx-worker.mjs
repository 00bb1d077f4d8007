// Writes one large xlsx off the HTTP thread: building the XML of 500,000 rows takes seconds of CPU, which on the
// HTTP thread would stop every other request. Rows arrive in chunks of cell values (the getters ran on the other side).
import { parentPort, workerData } from 'node:worker_threads'
import { createXlsxWriter } from './xlsx-writer.mjs'

const writer = createXlsxWriter(workerData)
parentPort.on('message', async (m) => {
  try {
    if (m.rows) {
      await writer.add(m.rows)
      parentPort.postMessage({ ack: true })
      return
    }
    const bytes = await writer.finish()
    parentPort.postMessage({ bytes }, [bytes.buffer])
  } catch (err) {
    parentPort.postMessage({ error: String(err?.stack ?? err) })
  }
})
