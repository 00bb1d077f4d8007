import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Field-level encryption of personal numbers (PIPL sensitive data): AES-256-GCM with a random 96-bit IV
 * per value, and an HMAC-SHA256 blind index for exact lookups (duplicate ID numbers, search by ID or phone).
 * Pure: no I/O, no environment. Where the key comes from is key-source.ts; which columns are sealed is columns.ts.
 *
 * Ciphertext text form: `v1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>`. The key id travels with every
 * value so that rotate-key and a wrong key are detected per value, and the field name is authenticated
 * data, so a sealed phone cannot be passed off as a sealed ID number.
 */

export class VaultError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'VaultError'
  }
}

export interface VaultKey {
  /** 8 hex characters, a fingerprint of the master key (not secret: it names the key, reveals nothing). */
  readonly id: string
  readonly encKey: Buffer
  readonly macKey: Buffer
}

export interface Vault {
  /** The key new values are sealed with. */
  readonly current: VaultKey
  /** Every key values may be opened with (current included), by id: rotate-key opens with the old one. */
  readonly keys: ReadonlyMap<string, VaultKey>
}

const VERSION = 'v1'
const PREFIX = `${VERSION}.`
/** Where the key id (8 hex characters) ends in a sealed value, and the dot there. */
const KEY_END = PREFIX.length + 8
const DOT = 46
const IV_BYTES = 12
const TAG_BYTES = 16
const HEX_KEY = /^[0-9a-f]{64}$/i
const B64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/

/** What GONGFANG_SECRET_KEY (or the key file) must hold: 32 random bytes as 64 hex or 43/44 base64(url) characters. */
export const KEY_FORMAT = '32 random bytes, as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)'

/** Parses a master key; throws a VaultError naming the expected format (never echoing the value). */
export function parseMasterKey(text: string): Buffer {
  const s = text.trim()
  let key: Buffer | null = null
  if (HEX_KEY.test(s)) key = Buffer.from(s, 'hex')
  else if (B64_KEY.test(s)) key = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  if (!key || key.length !== 32) throw new VaultError(`The secret key has the wrong format: expected ${KEY_FORMAT}.`)
  if (key.every((b) => b === key[0])) throw new VaultError('The secret key is not random (all bytes equal).')
  return key
}

export const newMasterKeyHex = () => randomBytes(32).toString('hex')

/** Separate keys for encryption and the blind index, derived from one master key (HKDF-SHA256). */
export function deriveKey(master: Buffer): VaultKey {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `gongfang-vault/${info}`, 32))
  const id = createHash('sha256').update('gongfang-vault/key-id').update(master).digest('hex').slice(0, 8)
  return { id, encKey: derive('aes-256-gcm'), macKey: derive('hmac-sha256-blind-index') }
}

/** A vault sealing with `current`, opening with it and any `older` keys (during rotation). */
export function createVault(current: Buffer | VaultKey, ...older: (Buffer | VaultKey)[]): Vault {
  const asKey = (k: Buffer | VaultKey) => (Buffer.isBuffer(k) ? deriveKey(k) : k)
  const cur = asKey(current)
  const keys = new Map<string, VaultKey>([[cur.id, cur]])
  for (const k of older.map(asKey)) if (!keys.has(k.id)) keys.set(k.id, k)
  return { current: cur, keys }
}

/** Encrypts one value of one field (the field name, e.g. 'workers.id_number', is authenticated). */
export function seal(vault: Vault, field: string, plaintext: string): string {
  const key = vault.current
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key.encKey, iv)
  cipher.setAAD(aad(field, key.id))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return `${VERSION}.${key.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

/** The key id a sealed value was made with (no decryption). */
export function keyIdOf(sealed: string): string {
  const parts = sealed.split('.')
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[0-9a-f]{8}$/.test(parts[1]!)) throw new VaultError('Not a sealed value.')
  return parts[1]!
}

/** Decrypts; throws VaultError when the value was changed, belongs to another field, or the key is unknown. */
export function open(vault: Vault, field: string, sealed: string): string {
  // The usual form `v1.<8 hex>.<body>` is read without split() and a regex (a province export opens a million
  // values); anything else goes through keyIdOf, which names what is wrong. An id that is not hex is no known key.
  const keyId = sealed.startsWith(PREFIX) && sealed.charCodeAt(KEY_END) === DOT && sealed.indexOf('.', KEY_END + 1) < 0 ? sealed.slice(PREFIX.length, KEY_END) : keyIdOf(sealed)
  const key = vault.keys.get(keyId)
  if (!key) throw new VaultError(`Sealed with key ${keyIdOf(sealed)}, which this server does not have.`) // keyIdOf throws first for a malformed id
  const raw = Buffer.from(sealed.slice(VERSION.length + 1 + keyId.length + 1), 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES) throw new VaultError('Sealed value is truncated.')
  const decipher = createDecipheriv('aes-256-gcm', key.encKey, raw.subarray(0, IV_BYTES))
  decipher.setAAD(aad(field, keyId))
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  try {
    return decipher.update(raw.subarray(IV_BYTES + TAG_BYTES), undefined, 'utf8') + decipher.final('utf8')
  } catch {
    throw new VaultError(`Sealed value of ${field} failed its integrity check (changed, or another field's).`)
  }
}

/**
 * What opening one field needs for each known key (key bytes and authenticated data), for open-many.ts's
 * worker threads: they open values exactly as open() does. Never leaves the vault module.
 */
export function openingKeys(vault: Vault, field: string): { id: string; encKey: Uint8Array; aad: Uint8Array }[] {
  return [...vault.keys.values()].map((k) => ({ id: k.id, encKey: new Uint8Array(k.encKey), aad: new Uint8Array(aad(field, k.id)) }))
}

/**
 * Keyed hash for exact-match lookups and unique indexes. Same field and value → same index under one key;
 * without the key it cannot be computed, so a dump does not allow a dictionary attack over the 10^9-ish
 * possible ID numbers of one county. Callers normalize first (see normalizeIdNumber / normalizePhone).
 */
export function blindIndex(vault: Vault, field: string, value: string, key: VaultKey = vault.current): string {
  return createHmac('sha256', key.macKey).update(field).update('\0').update(value, 'utf8').digest('base64url')
}

/** Constant-time comparison of two blind indexes. */
export function sameIndex(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** ID numbers compare upper-case without blanks (a trailing x is the check character X). */
export const normalizeIdNumber = (s: string) => s.replace(/\s+/g, '').toUpperCase()
/** Phones compare as digits only, without a +86 / 0086 prefix. */
export const normalizePhone = (s: string) => s.replace(/\D+/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '')

// A few fields and keys: made once, not per value (a bank file opens 500,000 account numbers), and found without
// building a string per value.
const aads = new Map<string, Map<string, Buffer>>()
function aad(field: string, keyId: string) {
  let byField = aads.get(keyId)
  if (!byField) aads.set(keyId, (byField = new Map()))
  let b = byField.get(field)
  if (!b) byField.set(field, (b = Buffer.from(`${VERSION}|${keyId}|${field}`, 'utf8')))
  return b
}

/** A known value sealed under a key, stored once, so a start with a different key is refused before any change. */
export const KEY_CHECK_FIELD = 'vault.key_check'
export const KEY_CHECK_PLAINTEXT = 'gongfang-vault-key-check'
