import { afterAll, describe, expect, test } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import { parseIdNumber, idNumberCheckChar } from '@gongfang/shared'
import { useTestApp, TEST_DB } from '../../test/harness.ts'
import { PGLITE_TEMPLATE, TEST_SECRET_KEY, testVault } from '../../test/test-db.ts'
import { openDatabase, queryRows, type DbOrTx } from '../db/client.ts'
import { bootstrap } from '../db/bootstrap.ts'
import {
  FIELDS,
  VaultError,
  createVault,
  idNumberIndex,
  keyIdOf,
  newMasterKeyHex,
  open,
  openContactPhone,
  openExpertPhone,
  openWorkerPersonal,
  parseMasterKey,
  recordKey,
  recordedKey,
  rotateKey,
  sealExisting,
  setActiveVault,
  verifyKey,
  type Vault,
} from './index.ts'

const t = useTestApp()
/** The hex of the key this file's database is sealed with now (the test key until the rotation below). */
let currentHex = TEST_SECRET_KEY
const REPO = resolve(import.meta.dirname, '../../..')
const run = promisify(execFile)
const newKey = () => parseMasterKey(newMasterKeyHex())

type Sealed = { id: string; id_number_enc: string; id_number_bidx: string; phone_enc: string | null; disability_grade_enc: string | null }
const sealedRows = (db: DbOrTx = t.database.db) =>
  queryRows<Sealed>(db, sql`select id::text, id_number_enc, id_number_bidx, phone_enc, disability_grade_enc from workers order by id`)
const openRow = (v: Vault, r: Sealed) => openWorkerPersonal(v, { idNumberEnc: r.id_number_enc, phoneEnc: r.phone_enc, disabilityGradeEnc: r.disability_grade_enc })

/** Every personal number the database holds, opened with the vault: what a dump must not show. */
async function knownNumbers(v: Vault, db: DbOrTx = t.database.db) {
  const ids = new Set<string>()
  const phones = new Set<string>()
  for (const r of await sealedRows(db)) {
    const p = openRow(v, r)
    ids.add(p.idNumber)
    if (p.phone) phones.add(p.phone)
  }
  for (const r of await queryRows<{ e: string }>(db, sql`select phone_enc as e from experts where phone_enc is not null`)) phones.add(openExpertPhone(v, r.e)!)
  for (const r of await queryRows<{ e: string }>(db, sql`select contact_phone_enc as e from enterprises where contact_phone_enc is not null`))
    phones.add(openContactPhone(v, FIELDS.enterpriseContactPhone, r.e)!)
  for (const r of await queryRows<{ e: string }>(db, sql`select contact_phone_enc as e from partner_opportunities where contact_phone_enc is not null`))
    phones.add(openContactPhone(v, FIELDS.partnerContactPhone, r.e)!)
  return { ids, phones }
}

// An ID or mobile number standing alone: not inside a uuid, hash, base64 token or longer code.
const ID_RE = /(?<![0-9A-Za-z_-])[0-9]{17}[0-9Xx](?![0-9A-Za-z_-])/g
const MOBILE_RE = /(?<![0-9A-Za-z_-])1[3-9][0-9]{9}(?![0-9A-Za-z_-])/g

/** Valid ID numbers and mobile numbers written out in a dump's text. */
function plainNumbers(text: string) {
  return {
    ids: [...new Set([...text.matchAll(ID_RE)].map((m) => m[0].toUpperCase()).filter((s) => parseIdNumber(s)))],
    mobiles: [...new Set([...text.matchAll(MOBILE_RE)].map((m) => m[0]))],
  }
}

/** The files of a tar archive, concatenated (headers left out: their octal timestamps look like mobile numbers). */
function tarContents(tar: Buffer): string {
  const parts: string[] = []
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/, '').trim() || '0', 8)
    const type = String.fromCharCode(header[156]!)
    if (type === '0' || type === '\0') parts.push(tar.subarray(at + 512, at + 512 + size).toString('latin1'))
    at += 512 + Math.ceil(size / 512) * 512
  }
  return parts.join('\n')
}

/**
 * The whole database as a dump holds it: on PGlite the data directory itself (dumpDataDir: every table,
 * index, WAL segment and dead row version), on PostgreSQL `pg_dump` (or, without it, every row as text).
 */
async function dump(): Promise<string> {
  if (TEST_DB === 'pglite') {
    await t.database.db.execute(sql`checkpoint`)
    const blob = await t.database.pglite!.dumpDataDir('none')
    return tarContents(Buffer.from(await blob.arrayBuffer()))
  }
  const url = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString
  try {
    const { stdout } = await run('pg_dump', ['--no-owner', url], { maxBuffer: 1 << 30 })
    return stdout
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const tables = await queryRows<{ t: string }>(
    t.database.db,
    sql`select quote_ident(table_name) as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )
  const parts: string[] = []
  for (const { t: name } of tables) for (const r of await queryRows<{ r: string }>(t.database.db, sql.raw(`select ${name}::text as r from ${name}`))) parts.push(r.r)
  return parts.join('\n')
}

/** Every text, json and array column of every table, as text. */
async function textColumns(): Promise<string> {
  const cols = await queryRows<{ t: string; c: string }>(
    t.database.db,
    sql`select quote_ident(c.table_name) as t, quote_ident(c.column_name) as c from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  )
  const parts: string[] = []
  for (const { t: table, c } of cols)
    for (const r of await queryRows<{ v: string }>(t.database.db, sql.raw(`select ${c}::text as v from ${table} where ${c}::text ~ '[0-9]{11}'`))) parts.push(r.v)
  return parts.join('\n')
}

describe('vault on the demo database', () => {
  let vault = testVault()
  let demoId = ''
  let demoPhone = ''

  test('the plain personal columns are empty and every value opens with the key', async () => {
    const [plain] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select (select count(*)::int from workers where id_number is not null or phone is not null or disability_grade is not null)
               + (select count(*)::int from experts where phone is not null)
               + (select count(*)::int from enterprises where contact_phone is not null)
               + (select count(*)::int from partner_opportunities where contact_phone is not null) as n`,
    )
    expect(plain!.n).toBe(0)
    const known = await knownNumbers(vault)
    expect(known.ids.size).toBeGreaterThan(5000)
    expect(known.phones.size).toBeGreaterThan(4000)
    const [w] = await queryRows<Sealed>(t.database.db, sql`select w.id::text, w.id_number_enc, w.id_number_bidx, w.phone_enc, w.disability_grade_enc from workers w join users u on u.worker_id = w.id where u.username = 'worker'`)
    const p = openRow(vault, w!)
    demoId = p.idNumber
    demoPhone = p.phone!
    expect(demoId).toMatch(/^33112619620314\d{3}[\dX]$/)
    expect(demoPhone).toBe('13905781234')
  })

  test('a dump of the database holds no ID number and no mobile number in plain text', { timeout: 180_000 }, async () => {
    // The scanner sees numbers when they are there.
    expect(plainNumbers(`x ${demoId} y,${demoPhone}\n`)).toEqual({ ids: [demoId], mobiles: [demoPhone] })
    const text = await dump()
    expect(text.length).toBeGreaterThan(1_000_000)
    const found = plainNumbers(text)
    const known = await knownNumbers(vault)
    expect(found.ids).toEqual([])
    expect(found.mobiles.filter((m) => known.phones.has(m))).toEqual([])
    // Nothing else shaped like a mobile number in any text column either (pg_dump also prints bigint sums,
    // some of which look like one; the PGlite data directory stores those in binary).
    if (TEST_DB === 'pglite') expect(found.mobiles).toEqual([])
    expect(plainNumbers(await textColumns())).toEqual({ ids: [], mobiles: [] })
  })

  test('duplicate detection and exact search by full ID number, phone and last 4 use the blind index', async () => {
    const demoWorker = (await queryRows<{ id: string }>(t.database.db, sql`select worker_id::text as id from users where username = 'worker'`))[0]!.id
    const search = async (q: string, as = 'qingyuan') =>
      (await t.api('GET', `/api/workers?q=${encodeURIComponent(q)}&pageSize=200`, { as })).body.items.map((w: { id: string }) => w.id) as string[]
    expect(await search(demoId)).toEqual([demoWorker])
    expect(await search(demoId.toLowerCase())).toEqual([demoWorker])
    expect(await search(demoPhone)).toContain(demoWorker)
    expect(await search(demoId.slice(-4))).toContain(demoWorker)
    expect(await search(demoPhone.slice(-4))).toContain(demoWorker)
    // A part of a number in the middle finds nothing (the numbers are sealed); masked callers search by name only.
    expect(await search(demoId.slice(6, 14))).toEqual([])
    expect(await search(demoId, 'township')).toEqual([])

    const dup = await t.api('POST', '/api/workers', { as: 'qingyuan', body: { name: '叶秀英', idNumber: demoId, regionCode: '331126001200' } })
    expect(dup.status).toBe(409)
    expect(dup.body.existingId).toBe(demoWorker)
    const form = new FormData()
    form.append('file', new File([`姓名,身份证号,村代码\n叶秀英,${demoId},331126001200\n`], 'w.csv'))
    const imp = await t.api('POST', '/api/imports/workers?dryRun=true', { as: 'qingyuan', body: form })
    expect(imp.status).toBe(200)
    expect(imp.body.valid).toBe(0)
    expect(JSON.stringify(imp.body.errors)).toMatch(/已登记|registered/)

    // A new worker is written sealed: found by its number, not stored in plain text.
    const first17 = '33112619580704053'
    const idNumber = first17 + idNumberCheckChar(first17)
    const made = await t.api('POST', '/api/workers', { as: 'qingyuan', body: { name: '吴德林', idNumber, phone: '13757801111', disabilityGrade: 2, disabilityConsent: { givenOn: '2026-01-05', purpose: 'employment-support', witness: '村残协委员' }, regionCode: '331126001200' } })
    expect(made.status).toBe(201)
    expect(made.body.disabilityGrade).toBe(2)
    expect(await search(idNumber)).toEqual([made.body.id])
    const [row] = await queryRows<{ plain: boolean; bidx: string }>(
      t.database.db,
      sql`select id_number is null and phone is null and disability_grade is null as plain, id_number_bidx as bidx from workers where id = ${made.body.id}::uuid`,
    )
    expect(row).toEqual({ plain: true, bidx: idNumberIndex(vault, idNumber) })
  })

  test('the blind index keeps one person one record', async () => {
    const [a, b] = await sealedRows()
    await expect(t.database.db.execute(sql`update workers set id_number_bidx = ${a!.id_number_bidx} where id = ${b!.id}::uuid`)).rejects.toThrow()
  })

  test('a wrong key is refused before anything changes', async () => {
    const recorded = await recordedKey(t.database.db)
    expect(recorded?.keyId).toBe(vault.current.id)
    expect(() => verifyKey(createVault(newKey()), recorded)).toThrow(/Wrong secret key.*Nothing was changed/)
    await expect(recordKey(t.database.db, createVault(newKey()))).rejects.toThrow(VaultError)
    expect((await recordedKey(t.database.db))?.keyId).toBe(vault.current.id)
  })

  test('rotate-key is all or nothing: one tampered value leaves every value under the old key', async () => {
    const before = await sealedRows()
    const victim = before[before.length - 1]!
    const tampered = victim.id_number_enc.slice(0, -2) + (victim.id_number_enc.endsWith('AA') ? 'BB' : 'AA')
    await t.database.db.execute(sql`update workers set id_number_enc = ${tampered} where id = ${victim.id}::uuid`)
    await expect(rotateKey(t.database.db, vault, newKey())).rejects.toThrow(VaultError)
    const after = await sealedRows()
    expect(after.map((r) => keyIdOf(r.id_number_enc)).every((k) => k === vault.current.id)).toBe(true)
    expect(after.map((r) => r.id_number_bidx)).toEqual(before.map((r) => r.id_number_bidx))
    expect((await recordedKey(t.database.db))?.keyId).toBe(vault.current.id)
    await t.database.db.execute(sql`update workers set id_number_enc = ${victim.id_number_enc} where id = ${victim.id}::uuid`)
  })

  test('rotate-key round-trips: every value opens under the new key only, indexes recomputed, search and duplicates still work', { timeout: 180_000 }, async () => {
    const first = vault
    const plain = (await sealedRows()).map((r) => openRow(first, r))
    const secondHex = newMasterKeyHex()
    const secondKey = parseMasterKey(secondHex)
    currentHex = secondHex
    const report = await rotateKey(t.database.db, first, secondKey)
    const second = createVault(secondKey)
    vault = second
    setActiveVault(second)
    expect(report).toMatchObject({ from: first.current.id, to: second.current.id })
    expect(report.values['workers.id_number_enc']).toBe(plain.length)
    const rows = await sealedRows()
    rows.forEach((r, i) => {
      expect(keyIdOf(r.id_number_enc)).toBe(second.current.id)
      expect(openRow(second, r)).toEqual(plain[i])
      expect(r.id_number_bidx).toBe(idNumberIndex(second, plain[i]!.idNumber))
      expect(() => openRow(first, r)).toThrow(VaultError)
    })
    const recorded = await recordedKey(t.database.db)
    expect(() => verifyKey(first, recorded)).toThrow(/Wrong secret key/)
    const list = await t.api('GET', `/api/workers?q=${demoId}`, { as: 'qingyuan' })
    expect(list.body.items.map((w: { idNumber: string }) => w.idNumber)).toEqual([`${'*'.repeat(14)}${demoId.slice(-4)}`])
    expect((await t.api('POST', '/api/workers', { as: 'qingyuan', body: { name: '叶秀英', idNumber: demoId, regionCode: '331126001200' } })).status).toBe(409)
    // Still nothing in plain text after the rotation.
    expect(plainNumbers(await dump()).ids).toEqual([])
  })
  // Last: a row written in plain text leaves its old versions in a physical copy (dead rows, WAL) until
  // PostgreSQL overwrites them; the live tables hold only ciphertexts after the start.
  test('rows written before the vault are sealed and emptied by the start (sealExisting)', async () => {
    const first17 = '33112619700101001'
    const idNumber = first17 + idNumberCheckChar(first17)
    const [w] = await queryRows<{ id: string }>(
      t.database.db,
      sql`insert into workers (name, id_number, birth_date, sex, phone, region_code, disability_grade) values ('旧记录', ${idNumber.toLowerCase()}, '1970-01-01', 'F', '13600001111', '331126001200', 3) returning id::text`,
    )
    const fileBefore = await queryRows<{ f: string }>(t.database.db, sql`select pg_relation_filenode('workers')::text as f`)
    // What the start does: seal, empty the plain columns, and rewrite the tables (old row versions gone).
    const report = await bootstrap(t.database, { demo: false, vault })
    expect(report.sealed!['workers.id_number']).toBe(1)
    expect(await queryRows<{ f: string }>(t.database.db, sql`select pg_relation_filenode('workers')::text as f`)).not.toEqual(fileBefore)
    const [r] = await queryRows<Sealed & { plain: boolean }>(
      t.database.db,
      sql`select id::text, id_number_enc, id_number_bidx, phone_enc, disability_grade_enc, id_number is null and phone is null and disability_grade is null as plain from workers where id = ${w!.id}::uuid`,
    )
    expect(r!.plain).toBe(true)
    expect(openRow(vault, r!)).toEqual({ idNumber, phone: '13600001111', disabilityGrade: 3 })
    expect(r!.id_number_bidx).toBe(idNumberIndex(vault, idNumber))
    expect((await sealExisting(t.database.db, vault, { clearPlaintext: true })).sealed['workers.id_number']).toBe(0)
  })

})

describe('npm run admin -- rotate-key', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  test('re-encrypts a database under GONGFANG_NEW_SECRET_KEY; the old key is refused after', async () => {
    const next = newMasterKeyHex()
    let env: NodeJS.ProcessEnv
    let reopen: () => ReturnType<typeof openDatabase>
    if (TEST_DB === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'gf-rotate-'))
      dirs.push(dir)
      const seeded = await openDatabase({ dataDir: dir, loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) })
      await seeded.close()
      env = { ...process.env, GONGFANG_DATA_DIR: dir }
      delete env.DATABASE_URL
      reopen = () => openDatabase({ dataDir: dir })
    } else {
      const url = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString
      env = { ...process.env, DATABASE_URL: url, GONGFANG_DATA_DIR: mkdtempSync(join(tmpdir(), 'gf-rotate-')) }
      dirs.push(env.GONGFANG_DATA_DIR!)
      reopen = () => openDatabase({ url })
    }
    // PGlite: a copy of the template (test key); PostgreSQL: this file's database, rotated above.
    const before = await reopen().then(async (d) => {
      const known = await knownNumbers(createVault(parseMasterKey(TEST_DB === 'pglite' ? TEST_SECRET_KEY : currentHex)), d.db)
      await d.close()
      return known
    })
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', 'rotate-key'], {
      cwd: REPO,
      env: { ...env, GONGFANG_SECRET_KEY: TEST_DB === 'pglite' ? TEST_SECRET_KEY : currentHex, GONGFANG_NEW_SECRET_KEY: next },
    })
    expect(stdout).toMatch(/Re-encrypted under key [0-9a-f]{8}/)
    const database = await reopen()
    try {
      const nextVault = createVault(parseMasterKey(next))
      expect((await recordedKey(database.db))?.keyId).toBe(nextVault.current.id)
      const after = await knownNumbers(nextVault, database.db)
      expect([...after.ids].sort()).toEqual([...before.ids].sort())
      expect([...after.phones].sort()).toEqual([...before.phones].sort())
      expect(after.ids.size).toBeGreaterThan(5000)
      const [r] = await sealedRows(database.db)
      expect(() => open(testVault(), FIELDS.workerIdNumber, r!.id_number_enc)).toThrow(VaultError)
    } finally {
      await database.close()
    }
  }, 240_000)
})
