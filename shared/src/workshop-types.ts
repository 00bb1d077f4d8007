// Without zod: the web's public page shows the types and should not load the schema library for a list of six words.

/** The six official workshop types. */
export const WORKSHOP_TYPES = ['processing', 'recruitment', 'ecommerce', 'agritourism', 'brand', 'industry'] as const
export type WorkshopType = (typeof WORKSHOP_TYPES)[number]
