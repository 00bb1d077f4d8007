import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VaultError, blindIndex, createVault, keyIdOf, newMasterKeyHex, normalizeIdNumber, normalizePhone, open, parseMasterKey, seal } from './vault.ts'
import { idNumberIndex, openWorkerPersonal, phoneIndex, sealWorkerPersonal } from './personal.ts'
import { loadMasterKey } from './key-source.ts'

const key = (hex = newMasterKeyHex()) => parseMasterKey(hex)
const vault = createVault(key())
const text = fc.string({ unit: 'grapheme', maxLength: 40 })

describe('seal and open', () => {
  test('round-trips any text and never contains it', () => {
    fc.assert(
      fc.property(text, (s) => {
        const c = seal(vault, 'workers.id_number', s)
        expect(open(vault, 'workers.id_number', c)).toBe(s)
        if (s.length >= 4) expect(c.includes(s)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  test('the same value seals differently each time (random IV), under the current key id', () => {
    const a = seal(vault, 'f', '331126196203141287')
    const b = seal(vault, 'f', '331126196203141287')
    expect(a).not.toBe(b)
    expect(keyIdOf(a)).toBe(vault.current.id)
  })

  test('any change of one character of the sealed text is detected', () => {
    const c = seal(vault, 'workers.phone', '13812345678')
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const body = c.lastIndexOf('.') + 1
    fc.assert(
      fc.property(fc.integer({ min: body, max: c.length - 1 }), fc.constantFrom(...alphabet), (pos, ch) => {
        const changed = c.slice(0, pos) + ch + c.slice(pos + 1)
        fc.pre(changed !== c && Buffer.from(changed.slice(body), 'base64url').compare(Buffer.from(c.slice(body), 'base64url')) !== 0)
        expect(() => open(vault, 'workers.phone', changed)).toThrow(VaultError)
      }),
      { numRuns: 1000 },
    )
  })

  test('a value of one field does not open as another (no swapping columns)', () => {
    const c = seal(vault, 'workers.phone', '13812345678')
    expect(() => open(vault, 'workers.id_number', c)).toThrow(/integrity/)
  })

  test('a value sealed under another key is refused, naming the key; the old key in the vault opens it', () => {
    const other = createVault(key())
    const c = seal(other, 'f', 'x')
    expect(() => open(vault, 'f', c)).toThrow(new RegExp(other.current.id))
    expect(open(createVault(vault.current, other.current), 'f', c)).toBe('x')
  })

  test('truncated and foreign strings are refused', () => {
    expect(() => open(vault, 'f', 'v1.' + vault.current.id + '.AAAA')).toThrow(VaultError)
    expect(() => open(vault, 'f', '331126196203141287')).toThrow(VaultError)
    // A well-formed value with a part too many, or a key id that is not hex, is not read as a sealed value.
    const good = seal(vault, 'f', 'x')
    expect(() => open(vault, 'f', `${good}.AAAA`)).toThrow('Not a sealed value.')
    expect(() => open(vault, 'f', `v1.ZZZZZZZZ.${good.split('.')[2]}`)).toThrow('Not a sealed value.')
  })
})

describe('blind index', () => {
  test('equal normalized values match; different values do not; another key gives another index', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), fc.stringMatching(/^\d{17}[\dX]$/), (a, b) => {
        expect(idNumberIndex(vault, a)).toBe(idNumberIndex(vault, ` ${a.toLowerCase()} `))
        if (a !== b) expect(idNumberIndex(vault, a)).not.toBe(idNumberIndex(vault, b))
      }),
    )
    expect(phoneIndex(vault, '+86 138-1234-5678')).toBe(phoneIndex(vault, '13812345678'))
    expect(blindIndex(createVault(key()), 'f', 'x')).not.toBe(blindIndex(vault, 'f', 'x'))
    expect(normalizeIdNumber('33112619620314128x')).toBe('33112619620314128X')
    expect(normalizePhone('0086 13812345678')).toBe('13812345678')
  })
})

describe('worker personal numbers', () => {
  const personal = fc.record({
    idNumber: fc.stringMatching(/^\d{17}[\dX]$/),
    phone: fc.option(fc.stringMatching(/^1\d{10}$/)),
    disabilityGrade: fc.option(fc.integer({ min: 1, max: 4 })),
  })
  test('seal then open gives the same numbers; the sealed row holds none of them', () => {
    fc.assert(
      fc.property(personal, (p) => {
        const row = sealWorkerPersonal(vault, p)
        expect(openWorkerPersonal(vault, row)).toEqual(p)
        const dump = JSON.stringify(row)
        expect(dump.includes(p.idNumber)).toBe(false)
        if (p.phone) expect(dump.includes(p.phone)).toBe(false)
        expect(row.idNumberBidx).toBe(idNumberIndex(vault, p.idNumber))
      }),
      { numRuns: 300 },
    )
  })
})

describe('master key', () => {
  test('hex and base64 keys parse; wrong lengths, junk and constant keys are refused without echoing them', () => {
    const hex = newMasterKeyHex()
    expect(parseMasterKey(hex).toString('hex')).toBe(hex)
    expect(parseMasterKey(Buffer.from(hex, 'hex').toString('base64')).toString('hex')).toBe(hex)
    expect(parseMasterKey(Buffer.from(hex, 'hex').toString('base64url')).toString('hex')).toBe(hex)
    for (const bad of ['', 'secret', hex.slice(2), hex + '00', '0'.repeat(64), 'zz' + hex.slice(2)]) {
      let message = ''
      try {
        parseMasterKey(bad)
      } catch (e) {
        message = (e as Error).message
      }
      expect(message).toMatch(/format|not random/)
      if (bad.length > 8) expect(message.includes(bad)).toBe(false)
    }
  })

  test('key file: created 0600 on first start, read after, refused when missing for a sealed database or world-readable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gf-vault-'))
    const first = loadMasterKey({ env: {}, dataDir: dir, recordedKeyId: null })
    expect(first).toMatchObject({ origin: 'file', created: true })
    expect(statSync(first.path!).mode & 0o777).toBe(0o600)
    const again = loadMasterKey({ env: {}, dataDir: dir, recordedKeyId: 'abcdef01' })
    expect(again.created).toBe(false)
    expect(again.key.equals(first.key)).toBe(true)
    chmodSync(first.path!, 0o644)
    expect(() => loadMasterKey({ env: {}, dataDir: dir, recordedKeyId: null })).toThrow(/chmod 600/)
    const empty = mkdtempSync(join(tmpdir(), 'gf-vault-'))
    expect(() => loadMasterKey({ env: {}, dataDir: empty, recordedKeyId: 'abcdef01' })).toThrow(/Missing secret key.*abcdef01/)
    expect(existsSync(join(empty, 'secret.key'))).toBe(false)
    writeFileSync(join(empty, 'secret.key'), 'not a key', { mode: 0o600 })
    expect(() => loadMasterKey({ env: {}, dataDir: empty, recordedKeyId: null })).toThrow(/wrong format/)
    expect(readFileSync(join(empty, 'secret.key'), 'utf8')).toBe('not a key')
  })

  test('GONGFANG_SECRET_KEY wins over the file and is validated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gf-vault-'))
    const hex = newMasterKeyHex()
    expect(loadMasterKey({ env: { GONGFANG_SECRET_KEY: hex }, dataDir: dir, recordedKeyId: null })).toMatchObject({ origin: 'env', created: false })
    expect(existsSync(join(dir, 'secret.key'))).toBe(false)
    expect(() => loadMasterKey({ env: { GONGFANG_SECRET_KEY: 'short' }, dataDir: dir, recordedKeyId: null })).toThrow(/GONGFANG_SECRET_KEY: .*format/)
  })
})
