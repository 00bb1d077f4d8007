import { expect, test } from 'vitest'
import fc from 'fast-check'
import { canonicalJson } from './idempotency.ts'

test('canonicalJson: key order never matters, values always do', () => {
  expect(canonicalJson({ b: 1, a: [1, { d: 2, c: null }] })).toBe('{"a":[1,{"c":null,"d":2}],"b":1}')
  expect(canonicalJson({ a: undefined, b: 1 })).toBe(canonicalJson({ b: 1 }))
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
      const reversed = Object.fromEntries(Object.entries(o).reverse())
      expect(canonicalJson(reversed)).toBe(canonicalJson(o))
      expect(JSON.parse(canonicalJson(o))).toEqual(JSON.parse(JSON.stringify(o)))
    }),
  )
  expect(canonicalJson({ qty: 1 })).not.toBe(canonicalJson({ qty: 2 }))
})
