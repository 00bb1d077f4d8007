/** The ratings module's services, one file per concern; re-exported here for the routes and the demo seed. */
export { scopedWorkshop } from './common.ts'
export { criteriaFor, getCriteria, putCriteria } from './criteria.ts'
export { getRating, listRatings, rate, saveRating } from './ratings.ts'
export { decideNomination, listNominations, nominate } from './nominations.ts'
export { addFollowUp, closePlan, completeFollowUp, createPlan, getPlan, listPlans } from './plans.ts'
