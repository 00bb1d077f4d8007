import { createRoute, z } from '@hono/zod-openapi'
import { QueryBoolSchema } from '@gongfang/shared'
import {
  FactWorkshopOptionSchema,
  SalesImportResultSchema,
  SalesSessionCreateSchema,
  SalesSessionListQuerySchema,
  SalesSessionPageSchema,
  SalesSessionSchema,
} from '@gongfang/shared/sales'
import { createRouter } from '../../http/router.ts'
import { bearer, json, jsonBody, problems, pickerRoute } from '../../http/route-helpers.ts'
import { createSale, importSales, listSales, salesWorkshops } from './service.ts'

const tags = ['sales']
const errs = problems({
  401: 'Not logged in',
  403: 'Role may not record sales',
  404: 'Workshop missing or out of scope',
  409: 'Session already recorded',
  422: 'Invalid input (or a workshop that is not e-commerce)',
})

const listRoute = createRoute({
  method: 'get',
  path: '/sales-sessions',
  tags,
  security: bearer,
  summary: 'Online/livestream sales sessions in scope, with sums over all matching rows',
  request: { query: SalesSessionListQuerySchema },
  responses: {
    200: json(SalesSessionPageSchema, 'A page of sessions'),
    401: errs[401],
    422: errs[422],
  },
})
const createSaleRoute = createRoute({
  method: 'post',
  path: '/sales-sessions',
  tags,
  security: bearer,
  summary:
    'Record a sales session of an e-commerce/livestream workshop (operator of the workshop, or staff in scope); sales in integer fen',
  request: jsonBody(SalesSessionCreateSchema),
  responses: {
    201: json(SalesSessionSchema, 'Recorded'),
    ...errs,
  },
})
const importRoute = createRoute({
  method: 'post',
  path: '/sales-sessions/import',
  tags,
  security: bearer,
  summary:
    "Import a platform's sales export for one workshop: CSV (UTF-8 with/without BOM, or GBK) or xlsx. Columns (Chinese or English headers): 日期/date, 订单数/orders, 销售额（元）/sales, optional 平台/platform, 主播/host, 商品/products, 场次ID/ref. Atomic: with any bad row nothing is written and 422 lists every bad row (`rowErrors`). dryRun=true only checks.",
  request: {
    query: z.object({
      workshopId: z.uuid(),
      platform: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .optional()
        .openapi({ description: 'Platform when the file has no platform column', example: '抖音' }),
      dryRun: QueryBoolSchema.optional(),
    }),
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({ file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: json(SalesImportResultSchema, 'Checked or imported'),
    ...errs,
  },
})
const optionsRoute = pickerRoute(
  'sales',
  '/sales-sessions/workshops',
  'E-commerce/livestream workshops the caller may record for (picker)',
  json(z.array(FactWorkshopOptionSchema), 'Workshops'),
  { 401: errs[401], 422: errs[422] },
)

export const salesRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listSales(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createSaleRoute, async (c) => c.json(await createSale(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(importRoute, async (c) => {
    const q = c.req.valid('query')
    const file = c.req.valid('form').file
    const bytes = new Uint8Array(await file.arrayBuffer())
    const opts = {
      workshopId: q.workshopId,
      platform: q.platform,
      fileName: file.name,
      bytes,
      dryRun: q.dryRun ?? false,
    }
    return c.json(await importSales(c.var.db, c.var.caller, opts), 200)
  })
  .openapi(optionsRoute, async (c) => c.json(await salesWorkshops(c.var.db, c.var.caller, c.req.valid('query').q), 200))
