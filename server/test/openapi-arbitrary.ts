/**
 * fast-check arbitraries from the OpenAPI document's own JSON Schemas, for the contract fuzz test: `valid` draws
 * values the schema allows (types, enums, bounds, lengths, formats, patterns, required properties), `invalid`
 * draws a valid value and breaks it in one way the schema forbids (a missing required property, a wrong type,
 * a number out of range, a string too long, a value outside the enum, not an object at all).
 */
import fc from 'fast-check'
import { deref, sample, type OpenApiDoc, type Schema } from './openapi-sample.ts'

type Doc = Pick<OpenApiDoc, 'components'>

const typeOf = (s: Schema): string | undefined =>
  Array.isArray(s.type) ? (s.type as string[]).find((x) => x !== 'null') : (s.type as string | undefined)

const dateArb = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })

function stringArb(s: Schema): fc.Arbitrary<string> {
  const minLength = (s.minLength as number | undefined) ?? 0
  const maxLength = Math.min((s.maxLength as number | undefined) ?? 40, minLength + 40)
  if (s.format === 'uuid') return fc.uuid()
  if (s.format === 'date') return dateArb.map((d) => d.toISOString().slice(0, 10))
  if (s.format === 'date-time') return dateArb.map((d) => d.toISOString())
  if (s.format === 'email') return fc.emailAddress()
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= minLength && x.length <= ((s.maxLength as number | undefined) ?? Infinity))
    } catch {
      return fc.constant(String(sample({ components: { schemas: {} } }, s)))
    }
  }
  // Chinese and ASCII text, including the characters that break naive SQL, LIKE and CSV handling.
  const char = fc.oneof(fc.constantFrom('测', '试', '张', '丽', '水', '%', '_', "'", '"', '\\', ',', ' ', '\n'), fc.string({ minLength: 1, maxLength: 1 }))
  return fc.array(char, { minLength, maxLength }).map((cs) => cs.join(''))
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const exMin = s.exclusiveMinimum as number | undefined
  const exMax = s.exclusiveMaximum as number | undefined
  const min = (s.minimum as number | undefined) ?? (exMin !== undefined ? exMin + (integer ? 1 : 0.01) : -1_000_000)
  const max = (s.maximum as number | undefined) ?? (exMax !== undefined ? exMax - (integer ? 1 : 0.01) : 1_000_000_000)
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER)
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER)
  return integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true })
}

/** Values the schema allows. */
export function valid(doc: Doc, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, raw)
  if (depth > 5) return fc.constant(sample(doc, s))
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  if (s.const !== undefined) return fc.constant(s.const)
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined
  if (alts?.length) return fc.oneof(...alts.map((a) => valid(doc, a, depth + 1)))
  if (Array.isArray(s.allOf)) return fc.tuple(...(s.allOf as Schema[]).map((a) => valid(doc, a, depth + 1))).map((parts) => Object.assign({}, ...parts))
  const nullable = Array.isArray(s.type) && (s.type as string[]).includes('null')
  const base = ((): fc.Arbitrary<unknown> => {
    switch (typeOf(s)) {
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Schema>
        const required = new Set((s.required as string[] | undefined) ?? [])
        const keys = Object.keys(props)
        if (!keys.length) return fc.constant({})
        return fc.record(Object.fromEntries(keys.map((k) => [k, valid(doc, props[k], depth + 1)])), { requiredKeys: keys.filter((k) => required.has(k)) })
      }
      case 'array':
        return fc.array(valid(doc, s.items as Schema, depth + 1), { minLength: (s.minItems as number | undefined) ?? 0, maxLength: Math.min((s.maxItems as number | undefined) ?? 4, ((s.minItems as number | undefined) ?? 0) + 4) })
      case 'integer':
        return numberArb(s, true)
      case 'number':
        return numberArb(s, false)
      case 'boolean':
        return fc.boolean()
      case 'string':
        return stringArb(s)
      default:
        return fc.constant(sample(doc, s))
    }
  })()
  return nullable ? fc.option(base, { nil: null, freq: 5 }) : base
}

/** A wrong value for a schema of this type: another type, or just past a bound. */
function wrong(s: Schema): fc.Arbitrary<unknown> {
  const out: fc.Arbitrary<unknown>[] = [fc.constant({ unexpected: [1, 2] })]
  switch (typeOf(s)) {
    case 'string':
      out.push(fc.integer(), fc.constant(true))
      if (s.maxLength !== undefined) out.push(fc.constant('长'.repeat((s.maxLength as number) + 1)))
      if (Array.isArray(s.enum)) out.push(fc.constant('not-a-listed-value'))
      if (s.format === 'uuid' || s.format === 'date' || s.pattern) out.push(fc.constant('2025-13-45x'))
      break
    case 'integer':
    case 'number':
      out.push(fc.constant('一百'), fc.constant(1.5e300))
      if (s.minimum !== undefined) out.push(fc.constant((s.minimum as number) - 1))
      if (s.maximum !== undefined) out.push(fc.constant((s.maximum as number) + 1))
      break
    case 'boolean':
      out.push(fc.constant('yes'))
      break
    case 'array':
      out.push(fc.constant('not-a-list'))
      break
    default:
      out.push(fc.constant(42))
  }
  return fc.oneof(...out)
}

/**
 * A value the schema forbids: for an object, one property broken (a required one missing, or one given a wrong
 * value), or no object at all; for anything else, a wrong value.
 */
export function invalid(doc: Doc, raw: Schema | undefined): fc.Arbitrary<unknown> {
  const s = deref(doc, raw)
  if (typeOf(s) !== 'object' || !s.properties) return wrong(s)
  const props = s.properties as Record<string, Schema>
  const keys = Object.keys(props)
  const required = (s.required as string[] | undefined) ?? []
  const good = valid(doc, s) as fc.Arbitrary<Record<string, unknown>>
  const ways: fc.Arbitrary<unknown>[] = [fc.constant([]), fc.constant('text')]
  if (required.length) ways.push(fc.tuple(good, fc.constantFrom(...required)).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([x]) => x !== k))))
  if (keys.length) {
    ways.push(
      fc.constantFrom(...keys).chain((k) => fc.tuple(good, wrong(deref(doc, props[k]))).map(([v, bad]) => ({ ...v, [k]: bad }))),
    )
  }
  return fc.oneof(...ways)
}
