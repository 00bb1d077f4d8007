// After `vite build`: a brotli (.br) and a gzip (.gz) copy of every compressible file in dist, made once here at
// the highest levels instead of on each request. The server picks one by Accept-Encoding (serveStatic's
// `precompressed`). node:zlib does both; no plugin needed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url).pathname
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/
let files = 0
let before = 0
let after = 0
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (COMPRESSIBLE.test(name) && !name.endsWith('.map')) {
      const data = readFileSync(path)
      if (data.length < 512) continue // not worth a Content-Encoding
      const br = brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      })
      writeFileSync(`${path}.br`, br)
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }))
      files++
      before += data.length
      after += br.length
    }
  }
}
walk(dist)
console.log(`compressed ${files} files: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB brotli`)
