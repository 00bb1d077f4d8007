import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './harness'

/** Every code value the shared modules export: `as const` string lists and zod enums, lower-case identifiers only. */
export async function sharedCodes(): Promise<Set<string>> {
  const dirs = ['shared/src', 'shared/src/programme']
  const files = dirs.flatMap((d) => readdirSync(join(REPO, d)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(REPO, d, f)))
  const codes = new Set<string>()
  const add = (v: unknown) => {
    if (typeof v === 'string' && /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(v) && v.length >= 3) codes.add(v)
  }
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>
    for (const value of Object.values(mod)) {
      if (Array.isArray(value) && value.every((x) => typeof x === 'string')) value.forEach(add)
      const options = (value as { options?: unknown } | null)?.options
      if (value && typeof value === 'object' && Array.isArray(options)) options.forEach(add)
    }
  }
  return codes
}
