// JavaScript a page loads before it renders: the entry of index.html, its modulepreloads and the static imports
// of each, plus the route's own lazy chunk (by file name prefix) and its static imports. Raw, gzip and brotli bytes.
// Usage: node web/scripts/js-weight.mjs [route-chunk-prefix …]   e.g. public-page day-sheet-page
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url).pathname
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const files = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))
const seen = new Set()
const visit = (file) => {
  if (seen.has(file)) return
  seen.add(file)
  const code = readFileSync(join(dist, 'assets', file), 'utf8')
  // Static imports only (dynamic import() loads later, on demand).
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(m[1])
}
for (const m of html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)) visit(m[1])
for (const prefix of process.argv.slice(2)) {
  const f = files.find((x) => x.startsWith(`${prefix}-`))
  if (!f) throw new Error(`no chunk ${prefix}`)
  visit(f)
}
let raw = 0, gz = 0, br = 0
for (const f of seen) {
  const b = readFileSync(join(dist, 'assets', f))
  raw += b.length
  gz += gzipSync(b, { level: 9 }).length
  br += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`
console.log(`${process.argv.slice(2).join(' ') || 'login'}: ${seen.size} files, ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli`)
