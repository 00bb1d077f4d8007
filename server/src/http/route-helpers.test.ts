import { expect, test } from 'vitest'
import { z } from '@hono/zod-openapi'
import { problemJson } from './problem.ts'
import { json, jsonBody, problems } from './route-helpers.ts'

test('problems() gives each status its own description and the problem+json body', () => {
  expect(problems({ 401: 'Not logged in', 422: 'Invalid query' })).toEqual({
    401: { description: 'Not logged in', content: problemJson },
    422: { description: 'Invalid query', content: problemJson },
  })
})

test('json() and jsonBody() describe an application/json response and a request body, required unless told', () => {
  const schema = z.object({ a: z.string() })
  expect(json(schema, 'One')).toEqual({ description: 'One', content: { 'application/json': { schema } } })
  expect(jsonBody(schema).body.required).toBe(true)
  expect(jsonBody(schema, { required: false }).body).toEqual({ content: { 'application/json': { schema } }, required: false })
})
