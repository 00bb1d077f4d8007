// npm run admin -- --username X [--password P] [--region 33]: create (or reset) an administrator.
import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { eq } from 'drizzle-orm'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { bootstrap } from '../db/bootstrap.ts'
import { users } from '../db/schema/index.ts'
import { hashPassword } from '../auth/password.ts'

const { values } = parseArgs({ options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } })
if (!values.username || !/^[A-Za-z0-9_.-]{2,64}$/.test(values.username)) {
  console.error('Usage: npm run admin -- --username <name> [--password <password>]  (2–64 letters, digits, _ . -)')
  process.exit(2)
}
let password = values.password
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  password = await rl.question('Password (at least 10 characters): ')
  rl.close()
}
if (password.length < 10) {
  console.error('Password too short: at least 10 characters.')
  process.exit(2)
}
const config = loadConfig()
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
try {
  await bootstrap(database, { demo: config.demo })
  const passwordHash = await hashPassword(password)
  const [existing] = await database.db.select().from(users).where(eq(users.username, values.username))
  if (existing) {
    await database.db.update(users).set({ passwordHash, role: 'admin', disabled: false }).where(eq(users.id, existing.id))
    console.log(`Updated ${values.username}: administrator, new password.`)
  } else {
    await database.db.insert(users).values({ username: values.username, passwordHash, displayName: values.name ?? values.username, role: 'admin' })
    console.log(`Created administrator ${values.username}.`)
  }
} finally {
  await database.close()
}
