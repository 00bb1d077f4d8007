/**
 * The programme's instruments around the workshop: ratings (百坊示范、千坊提升), training and skills,
 * policy targets and coverage, the shared-talent pool. Schemas used by the server and the web.
 * One file per domain under programme/; re-exported here so `@gongfang/shared/programme` keeps working.
 */
export * from './programme/ratings.ts'
export * from './programme/training.ts'
export * from './programme/targets.ts'
export * from './programme/talent.ts'
