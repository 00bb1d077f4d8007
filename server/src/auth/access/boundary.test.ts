import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

/**
 * Visibility and permissions are decided in the access module (server/src/auth) and nowhere else; services
 * never see HTTP. This scans every module's code and names each line that breaks the rule.
 */
const SRC = fileURLToPath(new URL('../../', import.meta.url))
/** Where services live: the modules, and the shared services beside them (audit, files, regions, vault, housekeeping). */
const SERVICE_ROOTS = ['modules', 'audit', 'files', 'regions', 'vault', 'housekeeping.ts'].map((p) => join(SRC, p))

function files(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return dir.endsWith('.ts') && !dir.endsWith('.test.ts') ? [dir] : []
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return files(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

const EVERYWHERE: [string, RegExp][] = [
  [
    'scope kind branch',
    /\bscope\.kind\b|\.kind\s*[!=]==\s*'(all|region|operator|enterprise|collective|worker|public)'/,
  ],
  [
    'role comparison',
    /\.role\s*[!=]==|\brole\s*[!=]==|\brequireRole\(|\brequireUser\(|roles?\.includes\(|\.includes\([\w.?]*\brole\)/,
  ],
  [
    'region-prefix LIKE',
    /\blike\b[^\n]*(regionCode|region_code|region)[^\n]*%|(regionCode|region_code)[^\n]*\blike\b[^\n]*%|\.startsWith\([^)]*[Rr]egion/i,
  ],
]
const SERVICES_ONLY: [string, RegExp][] = [
  ['HTTP in a service', /from '(hono|@hono\/[^']+)(\/[^']*)?'|\bContext<AppEnv>/],
]

test('no visibility or permission rule outside the access module; no HTTP in services', () => {
  const offences: string[] = []
  for (const file of SERVICE_ROOTS.flatMap(files)) {
    const isRoute = /routes?\.ts$|\/routes\/|modules\/index\.ts$/.test(file)
    const rules = isRoute ? EVERYWHERE : [...EVERYWHERE, ...SERVICES_ONLY]
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return
        for (const [what, re] of rules)
          if (re.test(line)) offences.push(`${relative(SRC, file)}:${i + 1} ${what}: ${line.trim().slice(0, 120)}`)
      })
  }
  expect(offences).toEqual([])
})

test('each rule recognises the offence it names', () => {
  const offences: [string, string][] = [
    ['scope kind branch', "if (caller.scope.kind === 'operator') return []"],
    ['scope kind branch', "const mine = s.kind !== 'worker'"],
    ['role comparison', "if (user.role === 'staff') conds.push(x)"],
    ['role comparison', "if (!['admin', 'staff'].includes(role)) throw forbidden()"],
    ['region-prefix LIKE', 'conds.push(like(workers.regionCode, `${code}%`))'],
    ['region-prefix LIKE', "sql`region_code like ${prefix} || '%'`"],
    ['region-prefix LIKE', 'if (w.regionCode.startsWith(user.regionCode)) return w'],
    ['HTTP in a service', "import type { Context } from 'hono'"],
    ['HTTP in a service', "import { HTTPException } from 'hono/http-exception'"],
  ]
  for (const [what, line] of offences) {
    const re = [...EVERYWHERE, ...SERVICES_ONLY].find(([w]) => w === what)![1]
    expect(re.test(line), `${what}: ${line}`).toBe(true)
  }
})
