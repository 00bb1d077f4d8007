import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { homeOf } from './homes'

const PAGES = fileURLToPath(new URL('../pages', import.meta.url))

/** `x.role === 'staff'`, `'admin' !== role`, `role == "worker"`, `case 'operator':` after `switch (me.role)`. */
const ROLE_LITERAL = [
  /\brole\s*[!=]==?\s*['"`]/,
  /['"`][a-z]+['"`]\s*[!=]==?\s*[\w?.!]*\brole\b/,
  /switch\s*\([\w?.!]*\brole\)/,
  /\[[^\]]*['"`](admin|staff|operator|enterprise|collective|worker)['"`][^\]]*\]\.includes\([\w?.!]*\brole\)/,
]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  )
}

test('the pattern finds the ways a page could compare a role', () => {
  for (const s of ["me?.role === 'staff'", "'admin' !== user.role", 'role == "worker"', 'switch (me.role) {', "['admin', 'staff'].includes(me.role)"])
    expect(ROLE_LITERAL.some((r) => r.test(s)), s).toBe(true)
  for (const s of ["can('workers.create')", "t(`roles.${user.role}`)", "dataIndex: 'role'"]) expect(ROLE_LITERAL.some((r) => r.test(s)), s).toBe(false)
})

// Pages ask useCan(action), from the server's access table; a role's home and screen shape are chosen in app/homes.ts.
test('no page under web/src/pages compares a role with a literal', () => {
  const hits = sources(PAGES).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (ROLE_LITERAL.some((r) => r.test(line)) ? [`${relative(PAGES, file)}:${i + 1}: ${line.trim()}`] : [])),
  )
  expect(hits).toEqual([])
})

test('each role lands on its home', () => {
  expect(homeOf({ role: 'worker' })).toBe('worker')
  expect(homeOf({ role: 'operator' })).toBe('operator')
  expect(homeOf({ role: 'enterprise' })).toBe('enterprise')
  expect(['admin', 'staff', 'collective'].map((role) => homeOf({ role: role as 'admin' }))).toEqual(['staff', 'staff', 'staff'])
})
