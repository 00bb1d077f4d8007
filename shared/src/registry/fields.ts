/**
 * Field schemas the registry's records share (not re-exported by registry.ts: they are parts, not API types).
 */
import { z } from 'zod'
import { requiredText } from '../common.ts'

export const villageCode = z.string().regex(/^\d{12}$/, '应为 12 位村级行政区划代码 / 12-digit village code')
export const regionCode = z.string().regex(/^\d{2,12}$/, '应为行政区划代码 / region code')
export const skill = requiredText(30)
/** A record's skills as entered. */
export const skillList = z.array(skill).max(50)
export const name = requiredText(100)
