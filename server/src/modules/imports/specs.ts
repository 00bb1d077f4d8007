import {
  COMMON_SKILLS,
  SKILL_LABELS,
  WORKSHOP_STATUSES,
  WORKSHOP_STATUS_LABELS,
  WORKSHOP_TYPES,
  WORKSHOP_TYPE_LABELS,
  type ImportKind,
} from '@gongfang/shared/registry'
import { isValidCreditCode, isValidPhone, parseIdNumber } from '@gongfang/shared'
import { parseYuan } from '@gongfang/shared/money'

/** A message in both languages; the caller's locale picks one. */
export type Msg = { zh: string; en: string }
export interface FieldSpec {
  key: string
  zh: string
  en: string
  aliases?: string[]
  required?: boolean
  /** Shown in the template's notes sheet. */
  note: Msg
  example: string
  /** Keep as text in the template (codes and ID numbers). */
  text?: boolean
}

export interface CellError {
  key: string
  value: string
  message: Msg
}

const msg = (zh: string, en: string): Msg => ({ zh, en })

export const FIELDS: Record<ImportKind, FieldSpec[]> = {
  workers: [
    { key: 'name', zh: '姓名', en: 'name', required: true, note: msg('必填', 'required'), example: '叶秀英' },
    { key: 'idNumber', zh: '身份证号', en: 'idNumber', aliases: ['身份证号码', '公民身份号码', 'id number', 'id_number'], required: true, text: true, note: msg('必填，18 位，出生日期和性别由此得出；请设为文本格式', 'required, 18 characters; birth date and sex are derived from it'), example: '33112619620314128X' },
    { key: 'phone', zh: '手机号', en: 'phone', aliases: ['手机号码', '联系电话', '电话'], text: true, note: msg('选填，11 位手机号或带区号的固话', 'optional mobile or landline'), example: '13905781234' },
    { key: 'regionCode', zh: '村代码', en: 'regionCode', aliases: ['村级代码', '行政区划代码', '村行政区划代码', '所在村', '村', '村名', '村（名称或代码）', 'village code', 'village'], required: true, text: true, note: msg('必填：12 位村级行政区划代码，或村名（可写“乡镇/村”或“县/乡镇/村”，见“村名对照”表），须在您的管辖范围内', 'required: 12-digit village code, or the village name (optionally "township/village" or "county/township/village", see the lookup sheet) inside your area'), example: '331126001200' },
    { key: 'household', zh: '家庭户', en: 'household', aliases: ['户', '户籍'], note: msg('选填', 'optional'), example: '东门村3组' },
    { key: 'lowIncomeSince', zh: '低收入农户认定日期', en: 'lowIncomeSince', aliases: ['低收入认定日期'], note: msg('选填；填写即登记为低收入农户（YYYY-MM-DD）', 'optional; a date registers the worker as low-income'), example: '2021-01-01' },
    { key: 'disabilityGrade', zh: '残疾等级', en: 'disabilityGrade', aliases: ['残疾'], note: msg('选填，1–4 级（或一级…四级）；填写时须同时填写本人同意日期和见证人', 'optional, grade 1–4; needs the consent date and witness'), example: '' },
    { key: 'disabilityConsentOn', zh: '残疾信息同意日期', en: 'disabilityConsentOn', aliases: ['同意日期'], note: msg('填写残疾等级时必填：本人同意将残疾信息用于就业帮扶的日期（YYYY-MM-DD）', 'required with a grade: the date the worker agreed to its use for employment support'), example: '' },
    { key: 'disabilityConsentWitness', zh: '同意见证人', en: 'disabilityConsentWitness', aliases: ['见证人'], note: msg('填写残疾等级时必填：见证本人同意的人（如村残协委员）', 'required with a grade: who witnessed the consent'), example: '' },
    { key: 'skills', zh: '技能', en: 'skills', note: msg(`选填，多个用顿号或逗号分隔，如 ${COMMON_SKILLS.slice(0, 4).map((s) => SKILL_LABELS[s]!.zh).join('、')}`, 'optional, several separated by commas'), example: '分拣、包装' },
    { key: 'hoursPerDay', zh: '每日可工作小时', en: 'hoursPerDay', aliases: ['可工作小时'], note: msg('选填，0–16', 'optional, 0–16'), example: '6' },
    { key: 'baselineMonthlyIncome', zh: '加入前月收入（元）', en: 'baselineMonthlyIncome', aliases: ['加入前月收入', '月收入（元）', '基线月收入（元）', 'baselineMonthlyIncomeYuan'], note: msg('选填，元，最多两位小数', 'optional, yuan with up to 2 decimals'), example: '1200.00' },
    { key: 'baselineSource', zh: '收入来源', en: 'baselineSource', aliases: ['收入数据来源'], note: msg('选填，如“2023 年收入核查”', 'optional'), example: '2023 年低收入农户收入核查' },
  ],
  workshops: [
    { key: 'name', zh: '名称', en: 'name', aliases: ['工坊名称'], required: true, note: msg('必填；同一村内名称不可重复', 'required; unique within a village'), example: '东门村香菇分拣共富工坊' },
    { key: 'type', zh: '类型', en: 'type', aliases: ['工坊类型'], required: true, note: msg(`必填：${WORKSHOP_TYPES.map((t) => WORKSHOP_TYPE_LABELS[t].zh).join('、')}`, `required: ${WORKSHOP_TYPES.join(', ')}`), example: '来料加工' },
    { key: 'regionCode', zh: '村代码', en: 'regionCode', aliases: ['村级代码', '行政区划代码', '所在村', '村', '村名', 'village code', 'village'], required: true, text: true, note: msg('必填：12 位村级行政区划代码，或村名（可写“乡镇/村”）', 'required: 12-digit village code, or the village name (optionally "township/village")'), example: '331126001200' },
    { key: 'address', zh: '地址', en: 'address', note: msg('选填', 'optional'), example: '庆元县松源街道东门村文化礼堂旁' },
    { key: 'lng', zh: '经度', en: 'lng', aliases: ['longitude'], note: msg('选填，WGS84', 'optional, WGS84'), example: '119.0626' },
    { key: 'lat', zh: '纬度', en: 'lat', aliases: ['latitude'], note: msg('选填，WGS84', 'optional, WGS84'), example: '27.6185' },
    { key: 'floorAreaM2', zh: '面积（平方米）', en: 'floorAreaM2', aliases: ['面积', '场地面积'], note: msg('选填，整数', 'optional integer'), example: '320' },
    { key: 'dailyCapacity', zh: '日产能（件）', en: 'dailyCapacity', aliases: ['日产能'], note: msg('选填，每个工作日可完成件数', 'optional pieces per working day'), example: '4000' },
    { key: 'workerPlaces', zh: '岗位数', en: 'workerPlaces', aliases: ['就业岗位'], note: msg('选填，整数', 'optional integer'), example: '40' },
    { key: 'skills', zh: '技能', en: 'skills', note: msg('选填，多个用顿号或逗号分隔', 'optional, comma separated'), example: '分拣、包装' },
    { key: 'status', zh: '状态', en: 'status', note: msg(`选填（默认筹建中）：${WORKSHOP_STATUSES.map((s) => WORKSHOP_STATUS_LABELS[s].zh).join('、')}`, `optional: ${WORKSHOP_STATUSES.join(', ')}`), example: '运营中' },
    { key: 'openedOn', zh: '开办日期', en: 'openedOn', aliases: ['开业日期'], note: msg('选填，YYYY-MM-DD', 'optional date'), example: '2022-05-01' },
  ],
  enterprises: [
    { key: 'name', zh: '企业名称', en: 'name', aliases: ['名称'], required: true, note: msg('必填', 'required'), example: '庆元县香菇食品有限公司' },
    { key: 'creditCode', zh: '统一社会信用代码', en: 'creditCode', aliases: ['信用代码', 'credit code'], required: true, text: true, note: msg('必填，18 位，含校验位', 'required, 18 characters with check character'), example: '91331126MA2A00002X' },
    { key: 'regionCode', zh: '行政区划代码', en: 'regionCode', aliases: ['所在地代码', '区划代码'], required: true, text: true, note: msg('必填，所在县/乡镇/村的代码', 'required region code'), example: '331126001' },
    { key: 'contactName', zh: '联系人', en: 'contactName', note: msg('选填', 'optional'), example: '周建国' },
    { key: 'contactPhone', zh: '联系电话', en: 'contactPhone', aliases: ['电话', '手机号'], text: true, note: msg('选填', 'optional'), example: '13857801234' },
    { key: 'industry', zh: '行业', en: 'industry', aliases: ['所属行业'], note: msg('选填', 'optional'), example: '食用菌加工' },
  ],
}

const norm = (h: string) => h.replace(/\s+/g, '').replace(/[()（）]/g, '').replace(/\*$/, '').toLowerCase()

/** Column index of each field by header (Chinese, English or an alias); unknown columns are ignored. */
export function mapHeaders(kind: ImportKind, headers: string[]): { index: Map<string, number>; missing: FieldSpec[] } {
  const index = new Map<string, number>()
  const normalized = headers.map(norm)
  for (const f of FIELDS[kind]) {
    const names = [f.zh, f.en, ...(f.aliases ?? [])].map(norm)
    const i = normalized.findIndex((h) => names.includes(h))
    if (i >= 0) index.set(f.key, i)
  }
  return { index, missing: FIELDS[kind].filter((f) => f.required && !index.has(f.key)) }
}

// ---------------------------------------------------------------------------------------------
// Cell parsers: value or error, never throw
// ---------------------------------------------------------------------------------------------

type R<T> = { ok: true; v: T } | { ok: false; m: Msg }
const ok = <T>(v: T): R<T> => ({ ok: true, v })
const bad = (zh: string, en: string): R<never> => ({ ok: false, m: msg(zh, en) })

export function parseDate(s: string): R<string | null> {
  const t = s.trim()
  if (!t) return ok(null)
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const dt = new Date(Date.UTC(y, mo - 1, d))
    if (dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && y >= 1900 && y <= 2100)
      return ok(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
  }
  return bad('日期无效，应为 YYYY-MM-DD', 'Invalid date, use YYYY-MM-DD')
}

export function parseIntCell(s: string, min: number, max: number): R<number | null> {
  const t = s.trim().replace(/,/g, '')
  if (!t) return ok(null)
  if (!/^-?\d+(\.0+)?$/.test(t)) return bad('应为整数', 'Must be a whole number')
  const n = Number.parseInt(t, 10)
  if (n < min || n > max) return bad(`应在 ${min}–${max} 之间`, `Must be between ${min} and ${max}`)
  return ok(n)
}

export function parseNumberCell(s: string, min: number, max: number): R<number | null> {
  const t = s.trim()
  if (!t) return ok(null)
  if (!/^-?\d+(\.\d+)?$/.test(t)) return bad('应为数字', 'Must be a number')
  const n = Number(t)
  if (n < min || n > max) return bad(`应在 ${min}–${max} 之间`, `Must be between ${min} and ${max}`)
  return ok(n)
}

/** Yuan text → integer fen, exactly (the shared money module: no float); at most 999,999,999 yuan. */
export function parseYuanToFen(s: string): R<number | null> {
  if (!s.trim()) return ok(null)
  const fen = parseYuan(s, { maxYuan: 999_999_999 })
  if (fen === null) return bad('金额无效：以元为单位、最多两位小数、不能为负', 'Invalid amount: yuan, up to 2 decimals, not negative')
  return ok(fen)
}

const SKILL_BY_ZH = new Map(Object.entries(SKILL_LABELS).map(([code, l]) => [l.zh, code]))
export function parseSkills(s: string): string[] {
  return [...new Set(s.split(/[、,，;；/\s]+/).map((x) => x.trim()).filter(Boolean).map((x) => SKILL_BY_ZH.get(x) ?? x.toLowerCase()))].slice(0, 50)
}

const GRADE: Record<string, number> = { 一级: 1, 二级: 2, 三级: 3, 四级: 4, 一: 1, 二: 2, 三: 3, 四: 4 }
function parseGrade(s: string): R<number | null> {
  const t = s.trim()
  if (!t || t === '无' || t === '否') return ok(null)
  const n = GRADE[t] ?? (/^[1-4](级)?$/.test(t) ? Number(t[0]) : NaN)
  return Number.isNaN(n) ? bad('残疾等级应为 1–4 级或留空', 'Disability grade must be 1–4 or blank') : ok(n)
}

function parseEnum<T extends string>(s: string, codes: readonly T[], labels: Record<T, Msg>, what: Msg): R<T | null> {
  const t = s.trim()
  if (!t) return ok(null)
  const hit = codes.find((c) => c === t.toLowerCase() || labels[c].zh === t || labels[c].en.toLowerCase() === t.toLowerCase())
  return hit ? ok(hit) : bad(`${what.zh}无效，应为：${codes.map((c) => labels[c].zh).join('、')}`, `Invalid ${what.en}: use ${codes.join(', ')}`)
}

const EXCEL_NUMBER = /^\d(\.\d+)?[eE]\+\d+$/

// ---------------------------------------------------------------------------------------------
// Row validation per kind (pure: context facts passed in)
// ---------------------------------------------------------------------------------------------

export interface RowContext {
  /** Village (level 5) codes known to the system. */
  villages: Set<string>
  /** Any region code known to the system. */
  regionExists: (code: string) => boolean
  inScope: (code: string) => boolean
  /** A village written by name (see village-names.ts); absent: codes only. */
  villageByName?: (text: string) => { code: string } | { candidates: string[] } | null
}

export type WorkerRecord = {
  name: string
  idNumber: string
  birthDate: string
  sex: 'F' | 'M'
  phone: string | null
  regionCode: string
  household: string | null
  lowIncomeSince: string | null
  disabilityGrade: number | null
  /** With a grade: the worker's consent (purpose: employment support). */
  disabilityConsentOn: string | null
  disabilityConsentWitness: string | null
  skills: string[]
  hoursPerDay: number | null
  baselineMonthlyIncomeFen: number
  baselineSource: string | null
}
export type WorkshopRecord = {
  name: string
  type: string
  regionCode: string
  address: string | null
  lng: number | null
  lat: number | null
  floorAreaM2: number | null
  dailyCapacity: number
  workerPlaces: number
  skills: string[]
  status: string
  openedOn: string | null
}
export type EnterpriseRecord = {
  name: string
  creditCode: string
  regionCode: string
  contactName: string | null
  contactPhone: string | null
  industry: string | null
}

type Get = (key: string) => string

function text(get: Get, key: string, max: number, errors: CellError[], required = false): string | null {
  const v = get(key).trim()
  if (!v) {
    if (required) errors.push({ key, value: '', message: msg('必填', 'Required') })
    return null
  }
  if (v.length > max) errors.push({ key, value: v, message: msg(`不能超过 ${max} 个字`, `At most ${max} characters`) })
  return v
}

function take<T>(r: R<T>, key: string, value: string, errors: CellError[]): T | null {
  if (r.ok) return r.v
  errors.push({ key, value, message: r.m })
  return null
}

function village(get: Get, ctx: RowContext, errors: CellError[]): string {
  const v = get('regionCode').trim()
  if (v && !/^\d+$/.test(v) && ctx.villageByName) {
    const m = ctx.villageByName(v)
    if (m && 'code' in m) return m.code
    if (m) errors.push({ key: 'regionCode', value: v, message: msg(`“${v}”对应多个村，请写明乡镇（如 乡镇/村）或填代码：${m.candidates.join('；')}`, `"${v}" matches several villages; add the township (township/village) or use the code: ${m.candidates.join('; ')}`) })
    else errors.push({ key: 'regionCode', value: v, message: msg(`在您的管辖范围内找不到名为“${v}”的村`, `No village named "${v}" in your area`) })
    return v
  }
  if (!v) errors.push({ key: 'regionCode', value: '', message: msg('必填', 'Required') })
  else if (!/^\d{12}$/.test(v)) errors.push({ key: 'regionCode', value: v, message: msg('应为 12 位村级行政区划代码', 'Must be a 12-digit village code') })
  else if (!ctx.villages.has(v)) errors.push({ key: 'regionCode', value: v, message: msg('村级行政区划代码不存在', 'No such village code') })
  else if (!ctx.inScope(v)) errors.push({ key: 'regionCode', value: v, message: msg('该村不在您的管辖范围内', 'Village outside your area') })
  return v
}

function phone(get: Get, key: string, errors: CellError[]): string | null {
  const v = get(key).trim()
  if (!v) return null
  const p = v.replace(/[\s-]/g, '')
  if (!isValidPhone(p)) {
    errors.push({ key, value: v, message: msg('电话号码无效', 'Invalid phone number') })
    return null
  }
  return p
}

export function validateWorker(get: Get, ctx: RowContext): { record: WorkerRecord | null; errors: CellError[] } {
  const errors: CellError[] = []
  const name = text(get, 'name', 50, errors, true)
  const rawId = get('idNumber').trim()
  let idNumber = rawId.toUpperCase().replace(/\s/g, '')
  let facts = null
  if (!rawId) errors.push({ key: 'idNumber', value: '', message: msg('必填', 'Required') })
  else if (EXCEL_NUMBER.test(rawId)) errors.push({ key: 'idNumber', value: rawId, message: msg('身份证号被 Excel 存成了数字，末位已丢失；请把该列设为文本后重新填写', 'Excel stored the ID number as a number and lost digits; format the column as text') })
  else if (!(facts = parseIdNumber(idNumber))) errors.push({ key: 'idNumber', value: rawId, message: msg('身份证号无效（位数、校验位或出生日期不符）', 'Invalid ID number (length, check digit or birth date)') })
  const ph = phone(get, 'phone', errors)
  const regionCode = village(get, ctx, errors)
  const household = text(get, 'household', 100, errors)
  const lowIncomeSince = take(parseDate(get('lowIncomeSince')), 'lowIncomeSince', get('lowIncomeSince'), errors)
  const disabilityGrade = take(parseGrade(get('disabilityGrade')), 'disabilityGrade', get('disabilityGrade'), errors)
  const disabilityConsentOn = take(parseDate(get('disabilityConsentOn')), 'disabilityConsentOn', get('disabilityConsentOn'), errors)
  const disabilityConsentWitness = text(get, 'disabilityConsentWitness', 50, errors)
  if (disabilityGrade != null && (!disabilityConsentOn || !disabilityConsentWitness))
    errors.push({ key: !disabilityConsentOn ? 'disabilityConsentOn' : 'disabilityConsentWitness', value: '', message: msg('填写残疾等级须有本人同意：请填写同意日期和见证人', 'A disability grade needs the consent date and witness') })
  const hoursPerDay = take(parseNumberCell(get('hoursPerDay'), 0, 16), 'hoursPerDay', get('hoursPerDay'), errors)
  const fen = take(parseYuanToFen(get('baselineMonthlyIncome')), 'baselineMonthlyIncome', get('baselineMonthlyIncome'), errors)
  const baselineSource = text(get, 'baselineSource', 200, errors)
  if (errors.length || !facts) return { record: null, errors }
  idNumber = idNumber.toUpperCase()
  return {
    record: {
      name: name!, idNumber, birthDate: facts.birthDate, sex: facts.sex, phone: ph, regionCode, household, lowIncomeSince,
      disabilityGrade, disabilityConsentOn: disabilityGrade != null ? disabilityConsentOn : null, disabilityConsentWitness: disabilityGrade != null ? disabilityConsentWitness : null,
      skills: parseSkills(get('skills')), hoursPerDay, baselineMonthlyIncomeFen: fen ?? 0, baselineSource,
    },
    errors,
  }
}

export function validateWorkshop(get: Get, ctx: RowContext): { record: WorkshopRecord | null; errors: CellError[] } {
  const errors: CellError[] = []
  const name = text(get, 'name', 100, errors, true)
  const typeRaw = get('type')
  const type = typeRaw.trim() ? take(parseEnum(typeRaw, WORKSHOP_TYPES, WORKSHOP_TYPE_LABELS, msg('类型', 'type')), 'type', typeRaw, errors) : (errors.push({ key: 'type', value: '', message: msg('必填', 'Required') }), null)
  const regionCode = village(get, ctx, errors)
  const address = text(get, 'address', 200, errors)
  const lng = take(parseNumberCell(get('lng'), 73, 136), 'lng', get('lng'), errors)
  const lat = take(parseNumberCell(get('lat'), 3, 54), 'lat', get('lat'), errors)
  const floorAreaM2 = take(parseIntCell(get('floorAreaM2'), 0, 1_000_000), 'floorAreaM2', get('floorAreaM2'), errors)
  const dailyCapacity = take(parseIntCell(get('dailyCapacity'), 0, 10_000_000), 'dailyCapacity', get('dailyCapacity'), errors)
  const workerPlaces = take(parseIntCell(get('workerPlaces'), 0, 100_000), 'workerPlaces', get('workerPlaces'), errors)
  const status = take(parseEnum(get('status'), WORKSHOP_STATUSES, WORKSHOP_STATUS_LABELS, msg('状态', 'status')), 'status', get('status'), errors)
  const openedOn = take(parseDate(get('openedOn')), 'openedOn', get('openedOn'), errors)
  if (errors.length) return { record: null, errors }
  return {
    record: { name: name!, type: type!, regionCode, address, lng, lat, floorAreaM2, dailyCapacity: dailyCapacity ?? 0, workerPlaces: workerPlaces ?? 0, skills: parseSkills(get('skills')), status: status ?? 'planned', openedOn },
    errors,
  }
}

export function validateEnterprise(get: Get, ctx: RowContext): { record: EnterpriseRecord | null; errors: CellError[] } {
  const errors: CellError[] = []
  const name = text(get, 'name', 100, errors, true)
  const cc = get('creditCode').trim().toUpperCase()
  if (!cc) errors.push({ key: 'creditCode', value: '', message: msg('必填', 'Required') })
  else if (!isValidCreditCode(cc)) errors.push({ key: 'creditCode', value: get('creditCode'), message: msg('统一社会信用代码无效（长度或校验位不符）', 'Invalid credit code (length or check character)') })
  const regionCode = get('regionCode').trim()
  if (!regionCode) errors.push({ key: 'regionCode', value: '', message: msg('必填', 'Required') })
  else if (!/^\d{2,12}$/.test(regionCode) || !ctx.regionExists(regionCode)) errors.push({ key: 'regionCode', value: regionCode, message: msg('行政区划代码不存在', 'No such region code') })
  else if (!ctx.inScope(regionCode)) errors.push({ key: 'regionCode', value: regionCode, message: msg('该地区不在您的管辖范围内', 'Region outside your area') })
  const contactName = text(get, 'contactName', 50, errors)
  const contactPhone = phone(get, 'contactPhone', errors)
  const industry = text(get, 'industry', 50, errors)
  if (errors.length) return { record: null, errors }
  return { record: { name: name!, creditCode: cc, regionCode, contactName, contactPhone, industry }, errors }
}
