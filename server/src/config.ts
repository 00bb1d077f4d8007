import { resolve } from 'node:path'

export interface Config {
  port: number
  databaseUrl?: string
  dataDir: string
  /** Load demo data into an empty database (default: on for embedded, off for PostgreSQL). */
  demo: boolean
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl,
    dataDir: resolve(env.GONGFANG_DATA_DIR ?? 'data'),
    demo: env.GONGFANG_DEMO ? env.GONGFANG_DEMO === '1' || env.GONGFANG_DEMO === 'true' : !databaseUrl,
  }
}
