import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../http/env.ts'
import { authRoutes } from './auth/routes.ts'
import { healthRoutes } from './health/routes.ts'
import { regionRoutes } from './regions/routes.ts'
import { workRecordRoutes } from './work-records/routes.ts'
import { paysheetRoutes } from './paysheets/routes.ts'

import { workshopRoutes } from './workshops/routes.ts'
import { workerRoutes } from './workers/routes.ts'
import { enterpriseRoutes } from './enterprises/routes.ts'
import { collectiveRoutes } from './collectives/routes.ts'
import { collectiveIncomeRoutes } from './collective-income/routes.ts'
import { profitSharingRoutes } from './profit-sharing/routes.ts'
import { salesRoutes } from './sales/routes.ts'
import { tourismRoutes } from './tourism/routes.ts'
import { partnerRoutes } from './partners/routes.ts'
/** Every module's router, mounted under /api. Add a module here. */
export const moduleRoutes: OpenAPIHono<AppEnv>[] = [healthRoutes, authRoutes, regionRoutes, workshopRoutes, workerRoutes, enterpriseRoutes, collectiveRoutes, workRecordRoutes, paysheetRoutes, collectiveIncomeRoutes, profitSharingRoutes, salesRoutes, tourismRoutes, partnerRoutes]
