import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum (19 MiB, t=2, p=1): about 30 ms a hash on this machine.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** Verified against when the username does not exist, so timing does not tell which usernames exist. */
export const DUMMY_HASH = await hashPassword('gongfang-dummy-password')

export type PolicyText = { zh: string; en: string }

// The most used passwords of 10+ characters (public leak lists, and Chinese favourites), plus our own demo
// password: checked case-insensitively. A short list on purpose: length does most of the work.
const COMMON = new Set([
  '1234567890', '0123456789', '9876543210', '12345678910', '123456789a', 'a123456789', 'abc1234567', 'abcd123456',
  '1111111111', '0000000000', '8888888888', '6666666666', '1234512345', '1122334455', '1qaz2wsx3edc', '1q2w3e4r5t',
  'qwertyuiop', 'qwerty1234', 'qwerty123456', 'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234',
  'passw0rd123', 'iloveyou12', 'iloveyou123', 'woaini1314', '5201314520', '1314520520', 'woaini5201314', 'aa123456789',
  'admin12345', 'admin123456', 'administrator', 'gongfang123', 'gongfang-demo', 'gongfang2026', 'changeme123', 'welcome123',
])

/** What is wrong with a new password (empty when it may be used): ≥ 10 characters, not the username, not common. */
export function passwordPolicyErrors(password: string, username: string): PolicyText[] {
  const errors: PolicyText[] = []
  const lower = password.toLowerCase()
  if ([...password].length < 10) errors.push({ zh: '密码至少 10 个字符', en: 'At least 10 characters' })
  if (lower.includes(username.toLowerCase())) errors.push({ zh: '密码不能包含用户名', en: 'Must not contain the username' })
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) errors.push({ zh: '密码过于常见，请换一个', en: 'Too common; choose another' })
  return errors
}
