// One file per domain; each module's tables are exported here for drizzle-kit and the db client.
export * from './core.ts'
export * from './registry.ts'
export * from './facts.ts'
export * from './programme.ts'
export * from './collective.ts'
export * from './partners.ts'
export * from './programme.ts'
export * from './orders.ts'
