/** Field schemas shared by the programme's schema files. */
import { z } from 'zod'
import { RegionCodeSchema } from '../regions.ts'
import { requiredText } from '../common.ts'

export const Code = RegionCodeSchema
export const Year = z.coerce.number().int().min(2018).max(2100)
export const Text = requiredText
