import { expect, test } from 'vitest'
import { z } from '@hono/zod-openapi'
import { problemJson } from './problem.ts'
import { bearer, idParam, json, jsonBody, problems, routesFor } from './route-helpers.ts'

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

test('routesFor() fills in the tag, the bearer login and the problem answers, and keeps the success answer', () => {
  const item = z.object({ a: z.string() })
  const kit = routesFor('things', problems({ 401: 'Not logged in', 404: 'Missing' }))
  const one = kit.get('/things/{id}', 'One thing', json(item, 'The thing'))
  expect(one).toMatchObject({
    method: 'get',
    path: '/things/{id}',
    tags: ['things'],
    security: bearer,
    summary: 'One thing',
    request: { params: idParam },
  })
  expect(Object.keys(one.responses)).toEqual(['200', '401', '404'])
  const made = kit.create('/things', 'Make a thing', item, json(item, 'The thing'))
  expect(made.method).toBe('post')
  expect(made.request.body.content['application/json'].schema).toBe(item)
  expect(made.responses[201].description).toBe('The thing')
})
