import { z } from 'zod'
import { component } from './common.ts'

/** Levels of the national division codes; a code's length tells its level. */
export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]
export const CODE_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
}

export function levelOfCode(code: string): RegionLevel | undefined {
  return REGION_LEVELS.find((l) => CODE_LENGTH[l] === code.length)
}

/** Parent code by truncation: a region's code is a prefix of its children's. */
export function parentCode(code: string): string | null {
  const level = levelOfCode(code)
  if (!level || level === 'province') return null
  return code.slice(0, CODE_LENGTH[REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1]!])
}

export const RegionCodeSchema = z
  .string()
  .regex(/^33(\d{2}|\d{4}|\d{7}|\d{10})?$/, 'region code of Zhejiang (2, 4, 6, 9 or 12 digits starting 33)')

export const RegionSchema = component('Region', {
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
})
export type Region = z.infer<typeof RegionSchema>

export const RegionDetailSchema = RegionSchema.extend({
  path: z.array(RegionSchema.pick({ code: true, name: true, level: true })),
}).meta({ id: 'RegionDetail' })
export type RegionDetail = z.infer<typeof RegionDetailSchema>
