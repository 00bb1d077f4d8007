import { expect, test } from 'vitest'
import SwaggerParser from '@apidevtools/swagger-parser'
import { useTestApp, TEST_DB } from '../../../test/harness.ts'

const t = useTestApp()

test('health names the database in use', async () => {
  const res = await t.api('GET', '/api/health')
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ status: 'ok', database: TEST_DB })
})

test('/api/openapi.json is a valid OpenAPI 3.1 document with the problem schema', async () => {
  const res = await t.api('GET', '/api/openapi.json')
  expect(res.status).toBe(200)
  expect(res.body.openapi).toBe('3.1.0')
  const api = await SwaggerParser.validate(structuredClone(res.body))
  expect(Object.keys(api.paths ?? {})).toContain('/regions')
  expect(res.body.components.schemas.Problem).toBeDefined()
})

test('interactive docs are served without a CDN', async () => {
  const res = await t.api('GET', '/api/docs')
  expect(res.status).toBe(200)
  expect(res.text).toContain('/api/docs/assets/swagger-ui-bundle.js')
  const asset = await t.app.request('/api/docs/assets/swagger-ui-bundle.js')
  expect(asset.status).toBe(200)
})
