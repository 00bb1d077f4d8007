export interface TemplateSpec {
  title: string
  fields: { key: string; zh: string; en: string; example: string; text: boolean; required: boolean; noteZh: string; noteEn: string }[]
  howTo: string
  lookup: readonly { county: string; township: string; village: string; code: string }[]
}
export function writeTemplate(spec: TemplateSpec): Promise<Uint8Array>
