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
