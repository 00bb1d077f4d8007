/** Requests built from the OpenAPI document's own schemas (the contract and privacy tests). */
import { randomUUID } from 'node:crypto'

export type Schema = Record<string, unknown>
export interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

export function deref(doc: Pick<OpenApiDoc, 'components'>, s: Schema | undefined): Schema {
  let cur = s ?? {}
  for (let i = 0; i < 10 && typeof cur.$ref === 'string'; i++) cur = doc.components.schemas[(cur.$ref as string).split('/').pop()!] ?? {}
  return cur
}

/** A plausible value for a schema: the first enum, an example, or something of the right type and format. */
export function sample(doc: Parameters<typeof deref>[0], raw: Schema | undefined, depth = 0): unknown {
  const s = deref(doc, raw)
  if (depth > 6) return null
  if (s.example !== undefined) return s.example
  if (Array.isArray(s.enum)) return s.enum[0]
  if (s.const !== undefined) return s.const
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined
  if (alts?.length) return sample(doc, alts.find((a) => (a as Schema).type !== 'null') ?? alts[0], depth + 1)
  if (Array.isArray(s.allOf)) return Object.assign({}, ...(s.allOf as Schema[]).map((a) => sample(doc, a, depth + 1)))
  const type = Array.isArray(s.type) ? (s.type as string[]).find((x) => x !== 'null') : (s.type as string | undefined)
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>
      const out: Record<string, unknown> = {}
      for (const k of (s.required as string[] | undefined) ?? []) out[k] = sample(doc, props[k], depth + 1)
      return out
    }
    case 'array':
      return (s.minItems as number | undefined) ? [sample(doc, s.items as Schema, depth + 1)] : []
    case 'integer':
    case 'number':
      return (s.minimum as number | undefined) ?? (s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : 1)
    case 'boolean':
      return true
    case 'string': {
      if (s.format === 'uuid') return randomUUID()
      if (s.format === 'date') return '2025-03-01'
      if (s.format === 'date-time') return '2025-03-01T00:00:00Z'
      if (typeof s.pattern === 'string' && /\\d\{4\}-/.test(s.pattern)) return '2025-03'
      if (typeof s.pattern === 'string' && s.pattern.includes('\\d')) return '331126001200'
      const min = (s.minLength as number | undefined) ?? 1
      return '测试'.padEnd(Math.max(min, 2), '试')
    }
    default:
      return null
  }
}
