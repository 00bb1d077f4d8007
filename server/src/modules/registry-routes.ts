import { createRoute, z } from '@hono/zod-openapi'
import { pageOf, type PageQuerySchema } from '@gongfang/shared'
import { ExportFormatSchema, HistoryEntrySchema } from '@gongfang/shared/registry'
import { bearer, idParam, json, problems } from '../http/route-helpers.ts'

/** The problem answers of a register's reads; a list answers no 404 (a filter that finds nothing is an empty page). */
export const registerProblems = problems({ 401: 'Not logged in', 404: 'Missing or out of scope', 422: 'Invalid input' })
const listProblems = { 401: registerProblems[401], 422: registerProblems[422] }

/** A register's list filters: paging plus its own. */
type ListShape = typeof PageQuerySchema.shape & z.core.$ZodShape

/**
 * The routes every register (workers, workshops, collectives, enterprises) has beside its own: the filtered list,
 * the same filters exported as a file, and one entry's change history. Each is createRoute's own value, so the
 * handlers stay checked against the response schemas.
 */
export function registerRoutes<const P extends string, const S extends ListShape, const I extends z.ZodTypeAny>(
  tag: string,
  path: P,
  {
    query,
    item,
    list,
    page,
    exportSummary = 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
    params = idParam,
  }: {
    query: z.ZodObject<S>
    item: I
    /** The list route's summary. */
    list: string
    /** What the list's 200 answer is called ('A page of workers'). */
    page: string
    exportSummary?: string
    /** The `{id}` of the history route (workers' carries an example). */
    params?: typeof idParam
  },
) {
  const tags = [tag]
  const security = bearer
  // The export takes every filter of the list but not its paging: it writes all the rows.
  const { page: _page, pageSize: _pageSize, ...filters } = query.shape
  const exportQuery = z.object({ ...filters, format: ExportFormatSchema.default('xlsx') })
  return {
    list: createRoute({
      method: 'get',
      path,
      tags,
      security,
      summary: list,
      request: { query },
      responses: { 200: json(pageOf(item), page), ...listProblems },
    }),
    export: createRoute({
      method: 'get',
      path: `${path}/export`,
      tags,
      security,
      summary: exportSummary,
      request: { query: exportQuery },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...listProblems,
      },
    }),
    history: createRoute({
      method: 'get',
      path: `${path}/{id}/history`,
      tags,
      security,
      summary: 'Change history: who, when, old → new',
      request: { params },
      responses: { 200: json(z.array(HistoryEntrySchema), 'Newest first'), ...registerProblems },
    }),
  }
}
