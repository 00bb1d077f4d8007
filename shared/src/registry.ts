/**
 * The registry's schemas (workshops, enterprises, collectives, workers, imports), used by the server and the web.
 * One file per domain under registry/; re-exported here so `@gongfang/shared/registry` keeps working.
 */
export * from './registry/codes.ts'
export * from './registry/workshops.ts'
export * from './registry/organisations.ts'
export * from './registry/workers.ts'
export * from './registry/imports.ts'
