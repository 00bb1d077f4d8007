import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { users } from '../db/schema/index.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/seed-demo.ts'
import { verifyPassword } from './password.ts'

/**
 * Outside the demo, an account still holding the published demo password (a demo database put into
 * service) must change it before doing anything: flagged mustChangePassword. Returns the usernames flagged.
 */
export async function flagPublicDemoPasswords(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(and(inArray(users.username, DEMO_ACCOUNTS.map((a) => a.username)), eq(users.mustChangePassword, false)))
  const flagged: string[] = []
  for (const r of rows) if (await verifyPassword(r.passwordHash, DEMO_PASSWORD)) flagged.push(r.username)
  if (flagged.length) await db.update(users).set({ mustChangePassword: true }).where(inArray(users.username, flagged))
  return flagged
}
