import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../http/env.ts'
import { authRoutes } from './auth/routes.ts'
import { healthRoutes } from './health/routes.ts'
import { regionRoutes } from './regions/routes.ts'
import { workRecordRoutes } from './work-records/routes.ts'
import { paysheetRoutes } from './paysheets/routes.ts'

/** Every module's router, mounted under /api. Add a module here. */
export const moduleRoutes: OpenAPIHono<AppEnv>[] = [healthRoutes, authRoutes, regionRoutes, workRecordRoutes, paysheetRoutes]
