import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { createApp } from '../app.ts'
import { useTestApp } from '../../test/harness.ts'

const t = useTestApp()

// A built web app as `npm run build -w web` leaves it: hashed assets with .br and .gz copies (web/scripts/compress.mjs).
describe('static files', () => {
  let webDir: string
  const js = `console.log(${JSON.stringify('共富工坊 '.repeat(200))})`
  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'gf-static-'))
    mkdirSync(join(webDir, 'assets'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>共富工坊</title><script type="module" src="/assets/app-Ab12Cd34.js"></script>')
    writeFileSync(join(webDir, 'assets', 'app-Ab12Cd34.js'), js)
    writeFileSync(join(webDir, 'assets', 'app-Ab12Cd34.js.br'), brotliCompressSync(js))
    writeFileSync(join(webDir, 'assets', 'app-Ab12Cd34.js.gz'), gzipSync(js))
  })
  afterAll(() => rmSync(webDir, { recursive: true, force: true }))

  const get = async (path: string, acceptEncoding?: string) => {
    const app = createApp({ database: t.database, webDir, serveWeb: true })
    const res = await app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })
    return { res, body: Buffer.from(await res.arrayBuffer()) }
  }

  test('a hashed asset comes as brotli or gzip by Accept-Encoding, cached for a year as immutable', async () => {
    const br = await get('/assets/app-Ab12Cd34.js', 'gzip, deflate, br')
    expect(br.res.status).toBe(200)
    expect(br.res.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(br.body).toString()).toBe(js)
    expect(br.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(br.res.headers.get('vary')).toContain('Accept-Encoding')
    expect(br.body.length).toBeLessThan(Buffer.byteLength(js) / 5)

    const gz = await get('/assets/app-Ab12Cd34.js', 'gzip')
    expect(gz.res.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(js)

    const plain = await get('/assets/app-Ab12Cd34.js')
    expect(plain.res.headers.get('content-encoding')).toBeNull()
    expect(plain.body.toString()).toBe(js)
  })

  test('index.html and client routes are revalidated on every load (a new release shows at once)', async () => {
    for (const path of ['/', '/login', '/workers/123']) {
      const { res, body } = await get(path)
      expect(res.status, path).toBe(200)
      expect(body.toString()).toContain('共富工坊')
    }
    expect((await get('/index.html')).res.headers.get('cache-control')).toBe('no-cache')
  })
})
