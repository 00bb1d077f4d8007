// Opens a slice of sealed values of one field off the main thread (open-many.ts). Plain JavaScript with
// node:crypto only, so it starts without the TypeScript loader (tsx, vitest or a built server alike).
// The format and checks are vault.ts's open(); a value that fails is reported by index, and the caller
// opens it again with open() to throw the same VaultError.
import { createDecipheriv } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'

const IV_BYTES = 12
const TAG_BYTES = 16
/** @type {{ keys: { id: string, encKey: Uint8Array, aad: Uint8Array }[], sealed: string[] }} */
const { keys, sealed } = workerData
const byId = new Map(keys.map((k) => [k.id, k]))
const out = new Array(sealed.length)
let failed = -1
for (let i = 0; i < sealed.length; i++) {
  const s = sealed[i]
  const parts = s.split('.')
  const key = parts.length === 3 && parts[0] === 'v1' ? byId.get(parts[1]) : undefined
  const raw = key ? Buffer.from(parts[2], 'base64url') : null
  if (!key || !raw || raw.length < IV_BYTES + TAG_BYTES) {
    failed = i
    break
  }
  try {
    const d = createDecipheriv('aes-256-gcm', key.encKey, raw.subarray(0, IV_BYTES))
    d.setAAD(key.aad)
    d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    out[i] = d.update(raw.subarray(IV_BYTES + TAG_BYTES), undefined, 'utf8') + d.final('utf8')
  } catch {
    failed = i
    break
  }
}
parentPort.postMessage({ out: failed < 0 ? out : null, failed })
