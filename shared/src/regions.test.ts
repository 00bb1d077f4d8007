import { expect, test } from 'vitest'
import { levelOfCode, parentCode } from './regions.ts'

test('parent codes follow the division code lengths', () => {
  expect(parentCode('331126001200')).toBe('331126001')
  expect(parentCode('331126001')).toBe('331126')
  expect(parentCode('331126')).toBe('3311')
  expect(parentCode('3311')).toBe('33')
  expect(parentCode('33')).toBeNull()
  expect(levelOfCode('331126001')).toBe('township')
  expect(levelOfCode('3311260')).toBeUndefined()
})
