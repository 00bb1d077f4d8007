/** The shared-talent pool: experts and technical problems. */
import { z } from 'zod'
import { QueryBoolSchema, regionRefFields, workshopRefFields, requiredText, component } from '../common.ts'
import { Code, SkillFilter, SkillKey, Text, programmePageQuery } from './fields.ts'

export const AVAILABILITY = ['available', 'busy', 'unavailable'] as const
export const ExpertSchema = component('Expert', {
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  /** Masked unless the caller is staff. */
  phone: z.string().nullable(),
  ...regionRefFields,
  skills: z.array(z.string()),
  availability: z.enum(AVAILABILITY),
  bio: z.string().nullable(),
  hasLogin: z.boolean(),
  openProblems: z.number().int(),
  resolvedProblems: z.number().int(),
})
export type Expert = z.infer<typeof ExpertSchema>
const SkillList = z.array(SkillKey).max(20)
// Fields an expert is registered with and may later change.
const Mobile = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'mobile number')
const ExpertTitle = z.string().trim().max(100)
const Bio = z.string().trim().max(2000)
export const ExpertCreateSchema = z.object({
  name: Text(60),
  title: ExpertTitle.optional(),
  phone: Mobile.optional(),
  regionCode: Code,
  skills: SkillList.min(1),
  availability: z.enum(AVAILABILITY).default('available'),
  bio: Bio.optional(),
  /** Username of an existing account the expert logs in with. */
  username: requiredText(64).optional(),
})
export const ExpertUpdateSchema = z.object({
  title: ExpertTitle.optional(),
  phone: Mobile.optional(),
  skills: SkillList.min(1).optional(),
  availability: z.enum(AVAILABILITY).optional(),
  bio: Bio.optional(),
})
export const ExpertListQuerySchema = programmePageQuery({
  skill: SkillFilter,
  availability: z.enum(AVAILABILITY).optional(),
})

export const PROBLEM_STATUSES = ['open', 'accepted', 'resolved', 'unresolved'] as const
export const TechProblemSchema = component('TechProblem', {
  id: z.string(),
  ...workshopRefFields,
  title: z.string(),
  description: z.string(),
  skill: z.string().nullable(),
  status: z.enum(PROBLEM_STATUSES),
  postedAt: z.string(),
  expertId: z.string().nullable(),
  expertName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
})
export type TechProblem = z.infer<typeof TechProblemSchema>
export const TechProblemCreateSchema = z.object({
  workshopId: z.uuid(),
  title: Text(200),
  description: Text(4000),
  skill: SkillKey.optional(),
})
/** Staff name the expert; an expert accepting for themselves leaves it out. */
export const TechProblemAcceptSchema = z.object({ expertId: z.uuid().optional() })
export const TechProblemOutcomeSchema = z.object({ resolved: z.boolean(), outcome: Text(4000) })
export const TechProblemListQuerySchema = programmePageQuery({
  status: z.enum(PROBLEM_STATUSES).optional(),
  workshopId: z.uuid().optional(),
  /** Only the problems of the expert linked to the caller's account. */
  mine: QueryBoolSchema.optional(),
})
