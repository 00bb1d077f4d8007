/** Training sessions, enrolment, attendance and dated skills. */
import { z } from 'zod'
import { DateSchema, dateRangeFields, regionRefFields, component } from '../common.ts'
import { Code, SkillFilter, SkillKey, Text, Year, regionBreakdownOf, programmePageQuery } from './fields.ts'

export const TrainingSessionSchema = component('TrainingSession', {
  id: z.string(),
  ...regionRefFields,
  workshopId: z.string().nullable(),
  topic: z.string(),
  skill: z.string(),
  trainer: z.string(),
  place: z.string(),
  sessionDate: z.string(),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  attended: z.number().int(),
  /** For a worker: whether they are enrolled themselves. */
  mine: z.boolean(),
})
export type TrainingSession = z.infer<typeof TrainingSessionSchema>
export const TrainingSessionCreateSchema = z.object({
  regionCode: Code.refine((c) => c.length >= 9, 'township or village code'),
  workshopId: z.uuid().optional(),
  topic: Text(200),
  skill: SkillKey,
  trainer: Text(100),
  place: Text(200),
  sessionDate: DateSchema,
  capacity: z.number().int().min(1).max(10_000),
})
export type TrainingSessionCreate = z.infer<typeof TrainingSessionCreateSchema>
export const TrainingSessionListQuerySchema = programmePageQuery({
  ...dateRangeFields,
  skill: SkillFilter,
})
export const EnrolmentSchema = component('TrainingEnrolment', {
  workerId: z.string(),
  workerName: z.string(),
  regionCode: z.string(),
  enrolledAt: z.string(),
  attended: z.boolean(),
  attendedOn: z.string().nullable(),
})
export const EnrolSchema = z.object({ workerId: z.uuid() })
export const AttendanceCreateSchema = z.object({ workerIds: z.array(z.uuid()).min(1).max(500) })
export const AttendanceResultSchema = z.object({
  recorded: z.number().int(),
  /** Workers already marked as attended (left unchanged). */
  already: z.number().int(),
  skillsAdded: z.number().int(),
})
export const WorkerSkillSchema = component('WorkerSkill', {
  skill: z.string(),
  acquiredOn: z.string(),
  source: z.string(),
  sessionId: z.string().nullable(),
  topic: z.string().nullable(),
})
export const HeadcountQuerySchema = z.object({
  region: Code.default('33'),
  year: Year.optional(),
})
export const HeadcountRowSchema = component('TrainingHeadcountRow', {
  regionCode: z.string(),
  regionName: z.string(),
  /** Distinct workers who attended at least one session. */
  trainedWorkers: z.number().int(),
  attendances: z.number().int(),
  sessions: z.number().int(),
})
export const HeadcountSchema = regionBreakdownOf(HeadcountRowSchema, { year: z.number().int().nullable() })
