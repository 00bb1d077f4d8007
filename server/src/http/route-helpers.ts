import { z } from '@hono/zod-openapi'
import { problemJson } from './problem.ts'

/** Shared pieces of route contracts: a JSON response, a JSON request body, the usual problem answers. */
export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T extends z.ZodTypeAny>(schema: T, { required = true } = {}) => ({
  body: { content: { 'application/json': { schema } }, required },
})

export const problemResponses = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role may not do this', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Conflicts with the current state', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

/** The problem answers a route gives, status → what it means on that route (RFC 9457 body). */
export const problems = <const S extends Record<number, string>>(descriptions: S) =>
  Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [status, { description, content: problemJson }]),
  ) as { [K in keyof S]: { description: S[K]; content: typeof problemJson } }

export const idParam = z.object({ id: z.uuid() })
