import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

/**
 * Visibility and permissions are decided in the access module (server/src/auth) and nowhere else; services
 * never see HTTP. This scans every module's code and names each line that breaks the rule.
 */
const SRC = fileURLToPath(new URL('../../', import.meta.url))
const MODULES = join(SRC, 'modules')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return files(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

const EVERYWHERE: [string, RegExp][] = [
  ['scope kind branch', /\bscope\.kind\b|\.kind\s*[!=]==\s*'(all|region|operator|enterprise|collective|worker|public)'/],
  ['role comparison', /\.role\s*[!=]==|\brole\s*[!=]==|\brequireRole\(|\brequireUser\(|roles?\.includes\(/],
  ['region-prefix LIKE', /\blike\b[^\n]*(regionCode|region_code|region)[^\n]*%|(regionCode|region_code)[^\n]*\blike\b[^\n]*%|\.startsWith\([^)]*[Rr]egion/i],
]
const SERVICES_ONLY: [string, RegExp][] = [['HTTP in a service', /from '(hono|@hono\/[^']+)(\/[^']*)?'|\bContext<AppEnv>/]]

test('no visibility or permission rule outside the access module; no HTTP in services', () => {
  const offences: string[] = []
  for (const file of files(MODULES)) {
    const isRoute = /routes?\.ts$|\/routes\/|modules\/index\.ts$/.test(file)
    const rules = isRoute ? EVERYWHERE : [...EVERYWHERE, ...SERVICES_ONLY]
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return
        for (const [what, re] of rules) if (re.test(line)) offences.push(`${relative(SRC, file)}:${i + 1} ${what}: ${line.trim().slice(0, 120)}`)
      })
  }
  expect(offences).toEqual([])
})
