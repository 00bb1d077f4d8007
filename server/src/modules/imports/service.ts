import { createHash, randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { ImportError, ImportKind, ImportResult } from '@gongfang/shared/registry'
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts'
import { today } from '@gongfang/shared/clock'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { registryRegionAllowed } from '../../auth/access/registry.ts'
import { ProblemError } from '../../http/problem.ts'
import { parseSpreadsheet, SheetError, type ParsedSheet } from '../../files/import.ts'
import { XLSX_TYPE, downloadHeaders } from '../../files/export.ts'
import { startJob } from '../jobs/service.ts'
import { templateXlsx } from './template.ts'
import { villageIndex, type RegionName, type VillageIndex } from './village-names.ts'
import { FIELDS, mapHeaders, validateEnterprise, validateWorker, validateWorkshop, type CellError, type Msg, type RowContext } from './specs.ts'
import { maskIdNumber, maskPhone } from '@gongfang/shared'
import { FIELDS as SEALED_FIELDS, activeVault, idNumberIndex, sealContactPhone, sealWorkerPersonal } from '../../vault/index.ts'

/** Above this many rows an import runs as a background job. */
export const BACKGROUND_ROWS = 5_000

const CHUNK = 5_000

/** What an import needs of the caller (benches and tests pass a bare one; the clock defaults to the system's). */
export type ImportCaller = Pick<Caller, 'user' | 'scope' | 'locale'> & Partial<Pick<Caller, 'ip' | 'clock'>>

const regionCache = new WeakMap<object, Promise<{ villages: Set<string>; all: Set<string>; names: VillageIndex; rows: RegionName[] }>>()
function regionSets(db: DbOrTx) {
  let p = regionCache.get(db)
  if (!p) {
    p = queryRows<{ code: string; level: number; name: string; parent_code: string | null }>(db, sql`select code, level, name, parent_code from regions`).then((raw) => {
      const rows = raw.map((r) => ({ code: r.code, level: Number(r.level), name: r.name, parentCode: r.parent_code }))
      return {
        villages: new Set(rows.filter((r) => r.level === 5).map((r) => r.code)),
        all: new Set(rows.map((r) => r.code)),
        names: villageIndex(rows),
        rows,
      }
    })
    regionCache.set(db, p)
    p.catch(() => regionCache.delete(db))
  }
  return p
}

const tick = () => new Promise<void>((r) => setImmediate(r))

export async function readSheet(buf: Uint8Array): Promise<ParsedSheet> {
  try {
    return await parseSpreadsheet(buf)
  } catch (err) {
    if (err instanceof SheetError || /zip|end of data|corrupt/i.test(String(err)))
      throw new ProblemError(422, 'unreadable-file', { zh: '文件无法读取：请上传 .xlsx 或 .csv 文件', en: 'Unreadable file: upload .xlsx or .csv' })
    throw err
  }
}

type Validated = { row: number; record: Record<string, unknown> }

export interface Prepared {
  kind: ImportKind
  sheet: ParsedSheet
  valid: Validated[]
  errors: ImportError[]
  /** Village names for the preview (people check 东门村委会, not 331126001200). */
  regionName?: (code: string) => string | undefined
}

/** Validates every row (pure checks, duplicates in the file and against the database); writes nothing. */
export async function prepareImport(db: Db, caller: ImportCaller, kind: ImportKind, sheet: ParsedSheet, onProgress?: (n: number) => void): Promise<Prepared> {
  const pick = (m: Msg) => (caller.locale === 'en' ? m.en : m.zh)
  const { index, missing } = mapHeaders(kind, sheet.headers)
  if (missing.length)
    throw new ProblemError(
      422,
      'missing-columns',
      { zh: '缺少必需的列', en: 'Required columns missing' },
      { zh: `缺少：${missing.map((f) => f.zh).join('、')}（请使用导入模板）`, en: `Missing: ${missing.map((f) => f.en).join(', ')} (use the template)` },
      missing.map((f) => ({ path: f.zh, message: { zh: '缺少此列', en: 'Column missing' } })),
    )
  if (sheet.rows.length === 0) throw new ProblemError(422, 'empty-file', { zh: '文件中没有数据行', en: 'The file has no data rows' })
  if (sheet.rows.length > 600_000) throw new ProblemError(413, 'too-many-rows', { zh: '单次导入最多 600,000 行', en: 'At most 600,000 rows per import' })

  const columnName = (key: string) => {
    const i = index.get(key)
    return i !== undefined ? sheet.headers[i]! : (FIELDS[kind].find((f) => f.key === key)?.zh ?? key)
  }
  const regions = await regionSets(db)
  const ctx: RowContext = {
    villages: regions.villages,
    regionExists: (c) => regions.all.has(c),
    inScope: (c) => registryRegionAllowed(caller, c),
    villageByName: (text) => regions.names.resolve(text, (c) => registryRegionAllowed(caller, c)),
  }
  const validate = kind === 'workers' ? validateWorker : kind === 'workshops' ? validateWorkshop : validateEnterprise
  const errors: ImportError[] = []
  const valid: Validated[] = []
  const push = (row: number, e: CellError) => errors.push({ row, column: columnName(e.key), value: e.value, message: pick(e.message) })

  // Key that makes a record a duplicate, and the first row that had it.
  const keyOf = (r: Record<string, unknown>) => (kind === 'workers' ? String(r.idNumber) : kind === 'enterprises' ? String(r.creditCode) : `${r.regionCode}|${r.name}`)
  const dupKey = kind === 'workers' ? 'idNumber' : kind === 'enterprises' ? 'creditCode' : 'name'
  const seen = new Map<string, number>()

  for (let i = 0; i < sheet.rows.length; i++) {
    const { row, cells } = sheet.rows[i]!
    const get = (key: string) => {
      const j = index.get(key)
      return j === undefined ? '' : (cells[j] ?? '')
    }
    const out = validate(get, ctx)
    for (const e of out.errors) push(row, e)
    if (out.record) {
      const key = keyOf(out.record)
      const first = seen.get(key)
      if (first !== undefined) push(row, { key: dupKey, value: get(dupKey), message: { zh: `与第 ${first} 行重复`, en: `Duplicate of row ${first}` } })
      else {
        seen.set(key, row)
        valid.push({ row, record: out.record })
      }
    }
    if (i % 2000 === 1999) {
      onProgress?.(i + 1)
      await tick()
    }
  }

  // Against the database, in chunks (one person = one ID number; one credit code; a name once per village).
  // ID numbers are sealed: compared by their blind index (the key below maps back to the number).
  const vault = kind === 'workers' ? activeVault() : null
  const dbKey = (k: string) => (vault ? idNumberIndex(vault, k) : k)
  const keys = valid.map((v) => dbKey(keyOf(v.record)))
  const existing = new Set<string>()
  for (let i = 0; i < keys.length; i += 10_000) {
    const part = JSON.stringify(keys.slice(i, i + 10_000))
    const q =
      kind === 'workers'
        ? sql`select id_number_bidx as k from workers where id_number_bidx in (select json_array_elements_text(${part}::json))`
        : kind === 'enterprises'
          ? sql`select credit_code as k from enterprises where credit_code in (select json_array_elements_text(${part}::json))`
          : sql`select region_code || '|' || name as k from workshops where region_code || '|' || name in (select json_array_elements_text(${part}::json))`
    for (const r of await queryRows<{ k: string }>(db, q)) existing.add(r.k)
  }
  if (existing.size) {
    const msg: Msg =
      kind === 'workers'
        ? { zh: '该身份证号已登记（系统中已有此人）', en: 'ID number already registered' }
        : kind === 'enterprises'
          ? { zh: '该统一社会信用代码已登记', en: 'Credit code already registered' }
          : { zh: '该村已有同名工坊', en: 'A workshop of this name already exists in the village' }
    const keep: Validated[] = []
    for (const v of valid) {
      const k = dbKey(keyOf(v.record))
      if (existing.has(k)) errors.push({ row: v.row, column: columnName(dupKey), value: String(v.record[dupKey]), message: pick(msg) })
      else keep.push(v)
    }
    valid.length = 0
    valid.push(...keep)
  }
  errors.sort((a, b) => a.row - b.row)
  const names = new Map(regions.rows.map((r) => [r.code, r.name]))
  return { kind, sheet, valid, errors, regionName: (c) => names.get(c) }
}

/** Writes every valid record in ONE transaction (multi-row inserts from JSON), or nothing. */
export async function writeImport(db: Db, caller: ImportCaller, p: Prepared, onProgress?: (n: number) => void): Promise<number> {
  const who = { userId: caller.user?.id ?? null, username: caller.user?.username ?? null }
  const note = JSON.stringify({ source: { from: null, to: 'import' } })
  await db.transaction(async (tx) => {
    for (let i = 0; i < p.valid.length; i += CHUNK) {
      const part = p.valid.slice(i, i + CHUNK)
      await insertChunk(tx, p.kind, part.map((v) => v.record), who, note, today(caller.clock))
      onProgress?.(i + part.length)
    }
    await tx.execute(sql`insert into audit_log (user_id, username, action, target_type, ip, detail)
      values (${who.userId}, ${who.username}, ${`import.${p.kind}`}, ${p.kind}, ${caller.ip ?? null}, ${JSON.stringify({ rows: p.valid.length, encoding: p.sheet.encoding })}::jsonb)`)
  })
  return p.valid.length
}

/** Time-ordered UUIDs (v7 layout): a bulk insert then appends to the primary-key index instead of scattering. */
let lastMs = 0
let counter = 0
export function uuidv7(): string {
  const now = Date.now()
  counter = now === lastMs ? counter + 1 : 0
  lastMs = now
  const hex = now.toString(16).padStart(12, '0')
  const r = randomUUID().replaceAll('-', '')
  const c = (counter & 0xfff).toString(16).padStart(3, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${c}-${((parseInt(r[16]!, 16) & 0x3) | 0x8).toString(16)}${r.slice(17, 20)}-${r.slice(20, 32)}`
}

// One statement per chunk: the JSON is parsed once (jsonb_array_elements, the fastest of the
// bulk paths measured on PGlite) and the data-modifying CTEs write the record, its dated facts
// and its history together.
async function insertChunk(tx: DbOrTx, kind: ImportKind, records: Record<string, unknown>[], who: { userId: string | null; username: string | null }, note: string, day: string) {
  // Arrays travel as PostgreSQL array literals (a cast is cheaper than unpacking a JSON array per row).
  const lit = (xs: unknown) => '{' + (xs as string[]).map((x) => '"' + x.replace(/[\\"]/g, (m) => '\\' + m) + '"').join(',') + '}'
  const vault = activeVault()
  // Personal numbers travel sealed (with their blind indexes); the plain ones never reach the database.
  const sealed = (r: Record<string, unknown>) => {
    if (kind === 'workers') {
      const { idNumber, phone, disabilityGrade, ...rest } = r
      return { ...rest, ...sealWorkerPersonal(vault, { idNumber: String(idNumber), phone: (phone as string | null) ?? null, disabilityGrade: (disabilityGrade as number | null) ?? null }) }
    }
    if (kind === 'enterprises') {
      const { contactPhone, ...rest } = r
      return { ...rest, contactPhoneEnc: sealContactPhone(vault, SEALED_FIELDS.enterpriseContactPhone, contactPhone as string | null) }
    }
    return r
  }
  const rows = JSON.stringify(records.map((r) => ({ ...sealed(r), id: uuidv7(), skills: lit(r.skills ?? []) })))
  const hist = (entity: string) => sql`insert into change_history (entity_type, entity_id, action, changes, user_id, username)
      select ${entity}, id, 'import', ${note}::jsonb, ${who.userId}::uuid, ${who.username} from ins`
  if (kind === 'workers') {
    await tx.execute(sql`with src as materialized (select x from jsonb_array_elements(${rows}::jsonb) x),
      ins as (insert into workers (id, name, id_number_enc, id_number_bidx, id_number_tail_bidx, birth_date, sex, phone_enc, phone_bidx, phone_tail_bidx, region_code, household, disability_grade_enc,
          skills, availability, baseline_monthly_income_fen, baseline_source)
        select (x->>'id')::uuid, x->>'name', x->>'idNumberEnc', x->>'idNumberBidx', x->>'idNumberTailBidx', (x->>'birthDate')::date, x->>'sex',
               x->>'phoneEnc', x->>'phoneBidx', x->>'phoneTailBidx', x->>'regionCode', x->>'household', x->>'disabilityGradeEnc',
               (x->>'skills')::text[],
               case when x->>'hoursPerDay' is null then null else jsonb_build_object('hoursPerDay', (x->>'hoursPerDay')::numeric) end,
               coalesce((x->>'baselineMonthlyIncomeFen')::bigint, 0), x->>'baselineSource'
        from src returning id),
      low as (insert into worker_low_income_periods (worker_id, start_on)
        select (x->>'id')::uuid, (x->>'lowIncomeSince')::date from src where x->>'lowIncomeSince' is not null),
      consent as (insert into disability_consents (worker_id, given_on, purpose, witness, recorded_by)
        select (x->>'id')::uuid, (x->>'disabilityConsentOn')::date, 'employment-support', x->>'disabilityConsentWitness', ${who.userId}::uuid
        from src where x->>'disabilityConsentOn' is not null)
      ${hist('worker')}`)
  } else if (kind === 'workshops') {
    await tx.execute(sql`with src as materialized (select x from jsonb_array_elements(${rows}::jsonb) x),
      ins as (insert into workshops (id, name, type, region_code, address, lng, lat, floor_area_m_2, daily_capacity, worker_places, skills, status, opened_on)
        select (x->>'id')::uuid, x->>'name', x->>'type', x->>'regionCode', x->>'address', (x->>'lng')::float8, (x->>'lat')::float8, (x->>'floorAreaM2')::int,
               (x->>'dailyCapacity')::int, (x->>'workerPlaces')::int, (x->>'skills')::text[], x->>'status', (x->>'openedOn')::date
        from src returning id, status, opened_on),
      st as (insert into workshop_status_history (workshop_id, status, effective_on, note, by_user_id)
        select id, status, coalesce(opened_on, ${day}::date), '导入 / imported', ${who.userId}::uuid from ins)
      ${hist('workshop')}`)
  } else {
    await tx.execute(sql`with src as materialized (select x from jsonb_array_elements(${rows}::jsonb) x),
      ins as (insert into enterprises (id, name, credit_code, region_code, contact_name, contact_phone_enc, industry)
        select (x->>'id')::uuid, x->>'name', x->>'creditCode', x->>'regionCode', x->>'contactName', x->>'contactPhoneEnc', x->>'industry' from src returning id)
      ${hist('enterprise')}`)
  }
}

const PREVIEW_ROWS = 20

export function resultOf(p: Prepared, dryRun: boolean, imported: number, jobId: string | null = null): ImportResult {
  return {
    kind: p.kind,
    dryRun,
    total: p.sheet.rows.length,
    valid: p.valid.length,
    imported,
    encoding: p.sheet.encoding,
    errors: p.errors,
    preview: p.valid.slice(0, PREVIEW_ROWS).map((v) => maskPreview({ row: v.row, ...v.record, ...regionNameOf(p, v.record) })),
    jobId,
  }
}

function regionNameOf(p: Prepared, record: object): { regionName?: string } {
  const code = (record as { regionCode?: unknown }).regionCode
  const name = typeof code === 'string' ? p.regionName?.(code) : undefined
  return name ? { regionName: name } : {}
}

/** The preview echoes the file back; personal numbers in it are masked all the same. */
function maskPreview(r: Record<string, unknown>) {
  const out = { ...r }
  if (typeof out.idNumber === 'string') out.idNumber = maskIdNumber(out.idNumber)
  // Beside the last 4 of the ID the birth date would rebuild it: the birth year only.
  if (typeof out.birthDate === 'string') {
    out.birthYear = Number(out.birthDate.slice(0, 4))
    delete out.birthDate
  }
  for (const k of ['phone', 'contactPhone']) if (typeof out[k] === 'string') out[k] = maskPhone(out[k] as string)
  return out
}

/** Synchronous import (≤ BACKGROUND_ROWS, or dry run): validate, then write all or nothing. */
export async function importNow(db: Db, caller: ImportCaller, kind: ImportKind, sheet: ParsedSheet, dryRun: boolean): Promise<ImportResult> {
  const p = await prepareImport(db, caller, kind, sheet)
  if (dryRun || p.errors.length) return resultOf(p, dryRun, 0)
  const n = await writeImport(db, caller, p)
  return resultOf(p, false, n)
}

/**
 * An uploaded file: validated and written now (dry runs and files up to BACKGROUND_ROWS, status 200), or
 * as a background job polled at GET /jobs/{id} (status 202). Staff and admin only.
 */
export async function runImport(db: Db, caller: Caller, kind: ImportKind, readFile: () => Promise<unknown>, dryRun: boolean): Promise<{ status: 200 | 202; body: ImportResult }> {
  const user = authorize(caller, 'imports.run')
  // Read only after the role check: nobody else makes the server parse an upload.
  const file = await readFile()
  if (!(file instanceof File))
    throw new ProblemError(422, 'validation', { zh: '请上传文件（表单字段 file）', en: 'Upload a file (form field "file")' }, undefined, [{ path: 'file', message: { zh: '必填', en: 'Required' } }])
  const sheet = await readSheet(new Uint8Array(await file.arrayBuffer()))
  if (dryRun || sheet.rows.length <= BACKGROUND_ROWS) return { status: 200, body: await importNow(db, caller, kind, sheet, dryRun) }
  const { missing } = mapHeaders(kind, sheet.headers)
  if (missing.length) return { status: 200, body: await importNow(db, caller, kind, sheet, true) } // throws the 422 listing the columns
  const total = sheet.rows.length
  const jobId = await startJob(db, { kind: `import:${kind}`, userId: user.id, fileName: file.name, total }, async (job) => {
    // Progress: validation is the first half, writing the second.
    const p = await prepareImport(db, caller, kind, sheet, (n) => job.progress(Math.floor(n / 2)))
    if (p.errors.length) return { errors: p.errors, result: resultOf(p, false, 0, job.id), failed: true }
    job.progress(Math.floor(total / 2))
    const n = await writeImport(db, caller, p, (k) => job.progress(Math.floor(total / 2 + (k * total) / 2 / Math.max(1, p.valid.length))))
    return { errors: [], result: resultOf(p, false, n, job.id) }
  })
  return { status: 202, body: { kind, dryRun: false, total, valid: 0, imported: 0, encoding: sheet.encoding, errors: [], preview: [], jobId } }
}

const TEMPLATE_NAMES = { workers: '农户导入模板', workshops: '工坊导入模板', enterprises: '企业导入模板' } satisfies Record<ImportKind, string>

/** The import template as a download (staff and admin: those who may import). */
export async function importTemplate(db: DbOrTx, caller: Caller, kind: ImportKind) {
  authorize(caller, 'imports.run')
  // The lookup sheet: the caller's townships and villages with their codes (name ↔ code), as the cell accepts either.
  const regions = await regionSets(db)
  const byCode = new Map(regions.rows.map((r) => [r.code, r]))
  const lookup = kind === 'enterprises' ? [] : regions.rows
    .filter((r) => r.level === 5 && registryRegionAllowed(caller, r.code))
    .slice(0, 30_000)
    .map((v) => {
      const town = v.parentCode ? byCode.get(v.parentCode) : undefined
      const county = town?.parentCode ? byCode.get(town.parentCode) : undefined
      return { county: county?.name ?? '', township: town?.name ?? '', village: v.name, code: v.code }
    })
  // Writing a province's 30,000-village lookup takes seconds; the same kind and lookup give the same file.
  const key = createHash('sha256').update(kind).update(lookup.map((v) => `${v.code}\t${v.county}\t${v.township}\t${v.village}`).join('\n')).digest('hex')
  let body = templateCache.get(key)
  if (!body) {
    body = new Uint8Array(await templateXlsx(kind, lookup))
    templateCache.set(key, body)
    if (templateCache.size > 16) templateCache.delete(templateCache.keys().next().value!)
  }
  return { body, headers: downloadHeaders(XLSX_TYPE, `${TEMPLATE_NAMES[kind]}.xlsx`, `${kind}-template.xlsx`) }
}
const templateCache = new Map<string, Uint8Array<ArrayBuffer>>()
