import { describe, expect, test } from 'vitest'
import { VaultError, createVault, newMasterKeyHex, open, parseMasterKey, seal } from './vault.ts'
import { openMany } from './open-many.ts'

const oldKey = parseMasterKey(newMasterKeyHex())
const vault = createVault(parseMasterKey(newMasterKeyHex()), oldKey)
const before = createVault(oldKey)
const FIELD = 'worker_accounts.account_number'
// Values sealed under the current key and under the older one (a rotation under way), Chinese text included.
const plain = Array.from({ length: 3001 }, (_, i) => (i % 7 === 0 ? `户名${i}·测试` : `6217990000${String(i).padStart(8, '0')}`))
const sealed = plain.map((p, i) => seal(i % 3 === 0 ? before : vault, FIELD, p))
const threaded = { threads: 3, inlineBelow: 0 }

describe('openMany', () => {
  test('opens on worker threads exactly what open() opens, in order', async () => {
    expect(await openMany(vault, FIELD, sealed, threaded)).toEqual(sealed.map((s) => open(vault, FIELD, s)))
    expect(await openMany(vault, FIELD, sealed, threaded)).toEqual(plain)
  })

  test('opens in this thread below the threshold, with the same result', async () => {
    expect(await openMany(vault, FIELD, sealed.slice(0, 50))).toEqual(plain.slice(0, 50))
    expect(await openMany(vault, FIELD, [], threaded)).toEqual([])
  })

  test('a changed value, another field or an unknown key fails with the error open() gives', async () => {
    const changed = [...sealed]
    const s = changed[2000]!
    changed[2000] = s.slice(0, -3) + (s.at(-3) === 'A' ? 'B' : 'A') + s.slice(-2)
    const expected = (() => { try { open(vault, FIELD, changed[2000]!); return null } catch (e) { return e } })()
    expect(expected).toBeInstanceOf(VaultError)
    await expect(openMany(vault, FIELD, changed, threaded)).rejects.toThrow((expected as Error).message)
    await expect(openMany(vault, 'workers.phone', sealed, threaded)).rejects.toThrow(/integrity/)
    await expect(openMany(createVault(parseMasterKey(newMasterKeyHex())), FIELD, sealed, threaded)).rejects.toThrow(/does not have/)
  })
})
