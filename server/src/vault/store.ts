import { sql } from 'drizzle-orm'
import { queryRows, type Db, type DbOrTx } from '../db/client.ts'
import { FIELDS, TAIL_FIELDS } from './personal.ts'
import { normalizeAccountNumber } from '@gongfang/shared/payments'
import {
  KEY_CHECK_FIELD,
  KEY_CHECK_PLAINTEXT,
  VaultError,
  blindIndex,
  createVault,
  normalizeIdNumber,
  normalizePhone,
  open,
  seal,
  type Vault,
  type VaultKey,
} from './vault.ts'

const same = (s: string) => s

/**
 * Every sealed column: where its plaintext was, its ciphertext, blind index and last-4 index, and how values
 * compare. A new sealed column is added here and nowhere else: sealExisting and rotateKey follow this list.
 */
export const SEALED_COLUMNS = [
  { table: 'workers', plain: 'id_number', enc: 'id_number_enc', bidx: 'id_number_bidx', tail: 'id_number_tail_bidx', field: FIELDS.workerIdNumber, tailField: TAIL_FIELDS.workerIdNumber, normalize: normalizeIdNumber, stored: normalizeIdNumber },
  { table: 'workers', plain: 'phone', enc: 'phone_enc', bidx: 'phone_bidx', tail: 'phone_tail_bidx', field: FIELDS.workerPhone, tailField: TAIL_FIELDS.workerPhone, normalize: normalizePhone, stored: same },
  { table: 'workers', plain: 'disability_grade', enc: 'disability_grade_enc', bidx: null, tail: null, field: FIELDS.workerDisabilityGrade, tailField: null, normalize: same, stored: same },
  { table: 'experts', plain: 'phone', enc: 'phone_enc', bidx: 'phone_bidx', tail: null, field: FIELDS.expertPhone, tailField: null, normalize: normalizePhone, stored: same },
  { table: 'enterprises', plain: 'contact_phone', enc: 'contact_phone_enc', bidx: null, tail: null, field: FIELDS.enterpriseContactPhone, tailField: null, normalize: same, stored: same },
  { table: 'worker_accounts', plain: 'account_number', enc: 'account_number_enc', bidx: 'account_number_bidx', tail: null, field: FIELDS.workerAccountNumber, tailField: null, normalize: normalizeAccountNumber, stored: normalizeAccountNumber },
  { table: 'partner_opportunities', plain: 'contact_phone', enc: 'contact_phone_enc', bidx: null, tail: null, field: FIELDS.partnerContactPhone, tailField: null, normalize: same, stored: same },
] as const
type SealedColumn = (typeof SEALED_COLUMNS)[number]

const BATCH = 1000

export interface RecordedKey {
  keyId: string
  keyCheck: string
}

/** The key the database was sealed with, read without changing anything (before migrations, too). */
export async function recordedKey(db: DbOrTx): Promise<RecordedKey | null> {
  const [t] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('public.vault_meta') is not null as present`)
  if (!t?.present) return null
  const [r] = await queryRows<{ key_id: string; key_check: string }>(db, sql`select key_id, key_check from vault_meta where id = 1`)
  return r ? { keyId: r.key_id, keyCheck: r.key_check } : null
}

/** Throws a VaultError saying what to do when the vault's key is not the one the database was sealed with. */
export function verifyKey(vault: Vault, recorded: RecordedKey | null): void {
  if (!recorded) return
  if (recorded.keyId !== vault.current.id)
    throw new VaultError(
      `Wrong secret key: the database was encrypted with key ${recorded.keyId}, this server has key ${vault.current.id}. ` +
        'Set GONGFANG_SECRET_KEY (or restore the key file) to the key the database was encrypted with. Nothing was changed.',
    )
  let ok: boolean
  try {
    ok = open(vault, KEY_CHECK_FIELD, recorded.keyCheck) === KEY_CHECK_PLAINTEXT
  } catch {
    ok = false
  }
  if (!ok) throw new VaultError(`The key check of key ${recorded.keyId} failed: the vault_meta row was changed. Nothing was changed.`)
}

async function writeKeyRecord(db: DbOrTx, key: VaultKey) {
  const check = seal(createVault(key), KEY_CHECK_FIELD, KEY_CHECK_PLAINTEXT)
  await db.execute(sql`insert into vault_meta (id, key_id, key_check, updated_at) values (1, ${key.id}, ${check}, now())
    on conflict (id) do update set key_id = excluded.key_id, key_check = excluded.key_check, updated_at = excluded.updated_at`)
}

/** Records the key on first use (after migrations); a database already sealed must match it. */
export async function recordKey(db: DbOrTx, vault: Vault): Promise<void> {
  const recorded = await recordedKey(db)
  verifyKey(vault, recorded)
  if (!recorded) await writeKeyRecord(db, vault.current)
}

type Derived = { id: string; enc: string; bidx: string | null; tail: string | null }

/** Ciphertext, blind index and last-4 index of one value of one column under a vault's current key. */
function derive(vault: Vault, col: SealedColumn, id: string, value: string): Derived {
  const normalized = col.normalize(value)
  return {
    id,
    enc: seal(vault, col.field, col.stored(value)),
    bidx: col.bidx ? blindIndex(vault, col.field, normalized) : null,
    tail: col.tailField ? blindIndex(vault, col.tailField, normalized.slice(-4)) : null,
  }
}

async function updateColumn(tx: DbOrTx, col: SealedColumn, rows: Derived[], clearPlain: boolean) {
  if (rows.length === 0) return
  const t = sql.identifier(col.table)
  const enc = sql.identifier(col.enc)
  const setBidx = col.bidx ? sql`, ${sql.identifier(col.bidx)} = v.bidx` : sql``
  const setTail = col.tail ? sql`, ${sql.identifier(col.tail)} = v.tail` : sql``
  const setPlain = clearPlain ? sql`, ${sql.identifier(col.plain)} = null` : sql``
  await tx.execute(sql`update ${t} set ${enc} = v.enc${setBidx}${setTail}${setPlain}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, enc text, bidx text, tail text) where ${t}.id = v.id`)
}

export interface SealReport {
  /** Values sealed, per "table.column". */
  sealed: Record<string, number>
}

/**
 * One-time encryption of plaintext personal numbers (rows written before the vault, or by code not yet
 * going through it). With clearPlaintext the plain columns are emptied in the same transaction, so a
 * dump holds only ciphertexts; leave it off while a reader still uses the plain columns.
 */
export async function sealExisting(db: Db, vault: Vault, opts: { clearPlaintext: boolean }): Promise<SealReport> {
  const report: SealReport = { sealed: {} }
  await db.transaction(async (tx) => {
    for (const col of SEALED_COLUMNS) {
      const t = sql.identifier(col.table)
      const plain = sql.identifier(col.plain)
      const enc = sql.identifier(col.enc)
      let n = 0
      for (;;) {
        const rows = await queryRows<{ id: string; v: string }>(
          tx,
          sql`select id::text as id, ${plain}::text as v from ${t} where ${plain} is not null and ${enc} is null order by id limit ${BATCH}`,
        )
        if (rows.length === 0) break
        await updateColumn(
          tx,
          col,
          rows.map((r) => derive(vault, col, r.id, r.v)),
          opts.clearPlaintext,
        )
        n += rows.length
      }
      if (opts.clearPlaintext) await tx.execute(sql`update ${t} set ${plain} = null where ${plain} is not null and ${enc} is not null`)
      // Values sealed before their last-4 index existed (migration 0023) get it now.
      if (col.tail) {
        const tail = sql.identifier(col.tail)
        for (;;) {
          const rows = await queryRows<{ id: string; enc: string }>(
            tx,
            sql`select id::text as id, ${enc} as enc from ${t} where ${enc} is not null and ${tail} is null order by id limit ${BATCH}`,
          )
          if (rows.length === 0) break
          await updateColumn(tx, col, rows.map((r) => derive(vault, col, r.id, open(vault, col.field, r.enc))), false)
        }
      }
      report.sealed[`${col.table}.${col.plain}`] = n
    }
  })
  return report
}

/**
 * Rewrites the tables of the sealed columns (VACUUM FULL: new files, the old ones deleted), so the earlier plain
 * versions of rows just sealed do not linger as dead rows in the table files. WAL segments and backups made
 * before still hold them until PostgreSQL recycles the segments / the backups expire. Outside a transaction.
 */
export async function compactSealedTables(db: Db): Promise<void> {
  for (const table of [...new Set(SEALED_COLUMNS.map((c) => c.table))]) await db.execute(sql`vacuum full ${sql.identifier(table)}`)
}

export interface RotateReport {
  from: string
  to: string
  /** Values re-encrypted, per "table.column". */
  values: Record<string, number>
}

/**
 * Re-encrypts every sealed value and recomputes every blind index under a new key, in one transaction:
 * either all values move to the new key and vault_meta names it, or nothing changes.
 */
export async function rotateKey(db: Db, oldVault: Vault, newKey: Buffer): Promise<RotateReport> {
  const next = createVault(newKey, oldVault.current)
  if (next.current.id === oldVault.current.id) throw new VaultError('The new key is the current key.')
  const report: RotateReport = { from: oldVault.current.id, to: next.current.id, values: {} }
  await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from vault_meta where id = 1 for update`)
    verifyKey(oldVault, await recordedKey(tx))
    for (const col of SEALED_COLUMNS) {
      const t = sql.identifier(col.table)
      const enc = sql.identifier(col.enc)
      let n = 0
      let after = '00000000-0000-0000-0000-000000000000'
      for (;;) {
        const rows = await queryRows<{ id: string; enc: string }>(
          tx,
          sql`select id::text as id, ${enc} as enc from ${t} where ${enc} is not null and id > ${after}::uuid order by id limit ${BATCH}`,
        )
        if (rows.length === 0) break
        await updateColumn(
          tx,
          col,
          rows.map((r) => derive(next, col, r.id, open(oldVault, col.field, r.enc))),
          false,
        )
        n += rows.length
        after = rows[rows.length - 1]!.id
      }
      report.values[`${col.table}.${col.enc}`] = n
    }
    await writeKeyRecord(tx, next.current)
  })
  return report
}
