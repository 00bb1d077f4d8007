import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { API_TYPES_FILE, apiTypesSource } from './api-types.ts'

// The web's API types are generated from the server's OpenAPI document and checked in; a server change that the web
// has not picked up (a renamed path, a new required field, a changed answer) must fail here, then in `tsc -p web`.
test('web/src/api/schema.d.ts matches the server’s OpenAPI document (else run `npm run api:types`)', async () => {
  const checkedIn = readFileSync(API_TYPES_FILE, 'utf8')
  const current = await apiTypesSource()
  expect(checkedIn === current, 'schema.d.ts is stale: run `npm run api:types` and fix what `tsc -p web` then reports').toBe(true)
}, 60_000)
