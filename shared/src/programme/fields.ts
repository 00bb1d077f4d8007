/** Field schemas shared by the programme's schema files. */
import { z } from 'zod'

export const Code = z
  .string()
  .regex(/^33(\d{2}|\d{4}|\d{7}|\d{10})?$/, 'region code of Zhejiang (2, 4, 6, 9 or 12 digits starting 33)')
export const Year = z.coerce.number().int().min(2018).max(2100)
export const Text = (max: number) => z.string().trim().min(1).max(max)
