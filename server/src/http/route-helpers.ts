import { z } from '@hono/zod-openapi'
import { problemJson } from './problem.ts'

/** Shared pieces of route contracts: a JSON response, a JSON request body, the usual problem answers. */
export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

export const problemResponses = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role may not do this', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Conflicts with the current state', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

export const idParam = z.object({ id: z.uuid() })
