/** GB 11643 resident ID number: 17 digits + check character (0-9 or X). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11]!
}

export interface IdNumberFacts {
  birthDate: string // YYYY-MM-DD
  sex: 'F' | 'M'
}

/** Validates an 18-character ID number (check digit and a real birth date); returns the facts it encodes. */
export function parseIdNumber(raw: string): IdNumberFacts | null {
  const id = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return null
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return null
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  }
}

/** GB 32100 unified social credit code: 17 characters + check character over a 31-letter alphabet. */
export const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i]!)
    if (v < 0) return null
    sum += v * CREDIT_WEIGHTS[i]!
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!
}

export function isValidCreditCode(raw: string): boolean {
  const code = raw.trim().toUpperCase()
  if (code.length !== 18) return false
  return creditCodeCheckChar(code.slice(0, 17)) === code[17]
}

/** Mainland mobile (1[3-9]x, 11 digits) or a landline with area code. */
export function isValidPhone(raw: string): boolean {
  const p = raw.replace(/[\s-]/g, '')
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}\d{7,8}$/.test(p)
}

/**
 * **************123X: the last 4 characters only (3 sequence digits + check character), for every role in every
 * masked view. They also fix the sex (17th digit), so a view that shows them carries no birth date — age or birth
 * year only: then about 30 valid numbers fit what a masked view shows (server/src/auth/access/privacy.ts).
 */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : '*'.repeat(id.length - 4) + id.slice(-4)
}

/** *******5678: the last 4 digits only. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : '*'.repeat(phone.length - 4) + phone.slice(-4)
}
