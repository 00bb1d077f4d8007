/**
 * Code lists (stable codes in the API and database; Chinese labels for people and spreadsheets) and the field schemas of identifiers.
 */
import { z } from 'zod'
import { component } from '../common.ts'
import { isValidCreditCode, isValidPhone, parseIdNumber } from '../validators.ts'
import { WORKSHOP_TYPES, type WorkshopType } from '../workshop-types.ts'
export { WORKSHOP_TYPES, type WorkshopType }
export const WorkshopTypeSchema = z.enum(WORKSHOP_TYPES)
export const WORKSHOP_TYPE_LABELS: Record<WorkshopType, { zh: string; en: string }> = {
  processing: { zh: '来料加工', en: 'Processing of supplied materials' },
  recruitment: { zh: '定向招工', en: 'Targeted recruitment' },
  ecommerce: { zh: '电商直播', en: 'E-commerce / livestream' },
  agritourism: { zh: '农旅融合', en: 'Agriculture-tourism' },
  brand: { zh: '品牌带动', en: 'Brand-led' },
  industry: { zh: '产业赋能', en: 'Industry empowerment' },
}

export const WORKSHOP_STATUSES = ['planned', 'operating', 'suspended', 'closed'] as const
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number]
export const WorkshopStatusSchema = z.enum(WORKSHOP_STATUSES)
export const WORKSHOP_STATUS_LABELS: Record<WorkshopStatus, { zh: string; en: string }> = {
  planned: { zh: '筹建中', en: 'Planned' },
  operating: { zh: '运营中', en: 'Operating' },
  suspended: { zh: '暂停', en: 'Suspended' },
  closed: { zh: '已关闭', en: 'Closed' },
}
/** Allowed status changes: planned → operating → suspended ⇄ operating; anything but closed → closed. */
export const WORKSHOP_STATUS_NEXT: Record<WorkshopStatus, readonly WorkshopStatus[]> = {
  planned: ['operating', 'closed'],
  operating: ['suspended', 'closed'],
  suspended: ['operating', 'closed'],
  closed: [],
}

export const COLLECTIVE_KINDS = ['collective', 'company', 'cooperative'] as const
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number]
export const CollectiveKindSchema = z.enum(COLLECTIVE_KINDS)
export const COLLECTIVE_KIND_LABELS: Record<CollectiveKind, { zh: string; en: string }> = {
  collective: { zh: '村股份经济合作社', en: 'Village collective' },
  company: { zh: '强村公司', en: 'Strong-village company' },
  cooperative: { zh: '专业合作社', en: 'Cooperative' },
}

/** Skills as free codes; these are the common ones the UI offers (others are accepted). */
export const COMMON_SKILLS = ['sorting', 'packing', 'sewing', 'assembly', 'weaving', 'embroidery', 'livestream', 'cooking', 'farming', 'guiding', 'bamboo', 'woodwork'] as const
export const SKILL_LABELS: Record<string, { zh: string; en: string }> = {
  sorting: { zh: '分拣', en: 'Sorting' },
  packing: { zh: '包装', en: 'Packing' },
  sewing: { zh: '缝纫', en: 'Sewing' },
  assembly: { zh: '组装', en: 'Assembly' },
  weaving: { zh: '编织', en: 'Weaving' },
  embroidery: { zh: '刺绣', en: 'Embroidery' },
  livestream: { zh: '直播带货', en: 'Livestreaming' },
  cooking: { zh: '农家餐饮', en: 'Cooking' },
  farming: { zh: '种养殖', en: 'Farming' },
  guiding: { zh: '导游讲解', en: 'Guiding' },
  bamboo: { zh: '竹编', en: 'Bamboo craft' },
  woodwork: { zh: '木工', en: 'Woodwork' },
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const IdNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => parseIdNumber(s) !== null, '身份证号无效（校验位或出生日期不符）/ invalid ID number')

export const PhoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .refine(isValidPhone, '手机号或电话号码无效 / invalid phone number')

export const CreditCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidCreditCode, '统一社会信用代码无效（校验位不符）/ invalid unified social credit code')

export const HistoryEntrySchema = component('HistoryEntry', {
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>
