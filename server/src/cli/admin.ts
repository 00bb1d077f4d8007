// npm run admin -- --username X [--password P] [--region 33]: create (or reset) an administrator.
// npm run admin -- rotate-key: re-encrypt every sealed personal number under a new key, in one transaction.
import { parseArgs } from 'node:util'
import { renameSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import { eq } from 'drizzle-orm'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { bootstrap } from '../db/bootstrap.ts'
import { users } from '../db/schema/index.ts'
import { hashPassword } from '../auth/password.ts'
import { KEY_FORMAT, VaultError, newMasterKeyHex, openVault, parseMasterKey, rotateKey } from '../vault/index.ts'

const { values, positionals } = parseArgs({
  options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  allowPositionals: true,
})
if (positionals[0] === 'rotate-key') {
  process.exitCode = await rotate()
  process.exit()
}

/**
 * The new key: GONGFANG_NEW_SECRET_KEY, or (key file setups) a fresh one written to secret.key.next first
 * and moved over secret.key only after the transaction committed, so no crash leaves the key lost.
 */
async function rotate(): Promise<number> {
  const config = loadConfig()
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
  try {
    const { vault, source } = await openVault(database, { env: process.env, dataDir: config.dataDir })
    await bootstrap(database, { demo: false, vault })
    const given = process.env.GONGFANG_NEW_SECRET_KEY
    if (source.origin === 'env' && !given) {
      console.error(`The key comes from GONGFANG_SECRET_KEY: give the new one in GONGFANG_NEW_SECRET_KEY (${KEY_FORMAT}).`)
      return 2
    }
    const hex = given ? parseMasterKey(given).toString('hex') : newMasterKeyHex()
    const next = source.origin === 'file' ? `${source.path}.next` : null
    if (next) writeFileSync(next, `${hex}\n`, { mode: 0o600 })
    const report = await rotateKey(database.db, vault, parseMasterKey(hex))
    if (next) renameSync(next, source.path!)
    console.log(`Re-encrypted under key ${report.to} (was ${report.from}):`)
    for (const [col, n] of Object.entries(report.values)) console.log(`  ${col.padEnd(32)} ${n}`)
    console.log(next ? `New key written to ${source.path}.` : 'Now set GONGFANG_SECRET_KEY to the value of GONGFANG_NEW_SECRET_KEY and restart.')
    return 0
  } catch (e) {
    if (!(e instanceof VaultError)) throw e
    console.error(`rotate-key: ${e.message}`)
    return 1
  } finally {
    await database.close()
  }
}
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
  let vault
  try {
    vault = (await openVault(database, { env: process.env, dataDir: config.dataDir })).vault
  } catch (e) {
    if (!(e instanceof VaultError)) throw e
    console.error(e.message)
    process.exit(1)
  }
  await bootstrap(database, { demo: config.demo, vault })
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
