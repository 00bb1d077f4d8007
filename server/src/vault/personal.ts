import { blindIndex, normalizeIdNumber, normalizePhone, open, seal, type Vault } from './vault.ts'

/**
 * What the database holds of a person's numbers (PIPL sensitive data): sealed values and blind indexes,
 * never the numbers. Services write through the seal* functions and read through the open* ones; search and
 * duplicate checks compare blind indexes (idNumberIndex, phoneIndex, and the last-4 indexes for "ends in …").
 */
export const FIELDS = {
  workerIdNumber: 'workers.id_number',
  workerPhone: 'workers.phone',
  workerDisabilityGrade: 'workers.disability_grade',
  expertPhone: 'experts.phone',
  enterpriseContactPhone: 'enterprises.contact_phone',
  partnerContactPhone: 'partner_opportunities.contact_phone',
  workerAccountNumber: 'worker_accounts.account_number',
} as const

/** Blind-index fields of the last four characters (search "ends in 123X"); distinct from the full-number fields. */
export const TAIL_FIELDS = {
  workerIdNumber: 'workers.id_number.last4',
  workerPhone: 'workers.phone.last4',
} as const

export interface WorkerPersonal {
  idNumber: string
  phone: string | null
  /** 1–4, null when none. */
  disabilityGrade: number | null
}

/** Column values (camelCase as in the Drizzle schema) for an insert or update of workers. */
export interface SealedWorkerPersonal {
  idNumberEnc: string
  idNumberBidx: string
  idNumberTailBidx: string
  phoneEnc: string | null
  phoneBidx: string | null
  phoneTailBidx: string | null
  disabilityGradeEnc: string | null
}

const last4 = (s: string) => s.slice(-4)

export function sealWorkerPersonal(vault: Vault, p: WorkerPersonal): SealedWorkerPersonal {
  const id = normalizeIdNumber(p.idNumber)
  return {
    idNumberEnc: seal(vault, FIELDS.workerIdNumber, id),
    idNumberBidx: blindIndex(vault, FIELDS.workerIdNumber, id),
    idNumberTailBidx: idNumberTailIndex(vault, id),
    ...sealWorkerPhone(vault, p.phone),
    disabilityGradeEnc: sealDisabilityGrade(vault, p.disabilityGrade),
  }
}

/** Phone columns of workers (an update may change the phone alone). */
export function sealWorkerPhone(vault: Vault, phone: string | null | undefined): Pick<SealedWorkerPersonal, 'phoneEnc' | 'phoneBidx' | 'phoneTailBidx'> {
  if (phone == null || phone === '') return { phoneEnc: null, phoneBidx: null, phoneTailBidx: null }
  return { phoneEnc: seal(vault, FIELDS.workerPhone, phone), phoneBidx: phoneIndex(vault, phone), phoneTailBidx: phoneTailIndex(vault, phone) }
}

export const sealDisabilityGrade = (vault: Vault, grade: number | null | undefined) =>
  grade == null ? null : seal(vault, FIELDS.workerDisabilityGrade, String(grade))

/** A worker row as read: the sealed columns, and (rows written before the vault, not yet sealed) the plain ones. */
export interface StoredWorkerPersonal {
  idNumberEnc: string | null
  phoneEnc: string | null
  disabilityGradeEnc: string | null
  idNumber?: string | null
  phone?: string | null
  disabilityGrade?: number | null
}

/** `grade: false` leaves the disability grade sealed (null): it is opened only for those who may see it. */
export function openWorkerPersonal(vault: Vault, row: StoredWorkerPersonal, opts: { grade?: boolean } = {}): WorkerPersonal {
  return {
    idNumber: row.idNumberEnc != null ? open(vault, FIELDS.workerIdNumber, row.idNumberEnc) : (row.idNumber ?? ''),
    phone: row.phoneEnc != null ? open(vault, FIELDS.workerPhone, row.phoneEnc) : (row.phone ?? null),
    disabilityGrade:
      opts.grade === false
        ? null
        : row.disabilityGradeEnc != null
          ? Number(open(vault, FIELDS.workerDisabilityGrade, row.disabilityGradeEnc))
          : (row.disabilityGrade ?? null),
  }
}

/** Blind index to find a worker by full ID number (search, one-person-one-record check). */
export const idNumberIndex = (vault: Vault, idNumber: string) => blindIndex(vault, FIELDS.workerIdNumber, normalizeIdNumber(idNumber))
/** Blind index to find a worker by full phone number. */
export const phoneIndex = (vault: Vault, phone: string) => blindIndex(vault, FIELDS.workerPhone, normalizePhone(phone))
/** Blind index of an ID number's last four characters (what a masked view shows). */
export const idNumberTailIndex = (vault: Vault, idNumberOrTail: string) => blindIndex(vault, TAIL_FIELDS.workerIdNumber, last4(normalizeIdNumber(idNumberOrTail)))
/** Blind index of a phone number's last four digits. */
export const phoneTailIndex = (vault: Vault, phoneOrTail: string) => blindIndex(vault, TAIL_FIELDS.workerPhone, last4(normalizePhone(phoneOrTail)))

export function sealExpertPhone(vault: Vault, phone: string | null | undefined): { phoneEnc: string | null; phoneBidx: string | null } {
  if (phone == null || phone === '') return { phoneEnc: null, phoneBidx: null }
  return { phoneEnc: seal(vault, FIELDS.expertPhone, phone), phoneBidx: blindIndex(vault, FIELDS.expertPhone, normalizePhone(phone)) }
}

export const openExpertPhone = (vault: Vault, phoneEnc: string | null, plain: string | null = null) => (phoneEnc == null ? plain : open(vault, FIELDS.expertPhone, phoneEnc))

/** Contact phones of enterprises and partner opportunities (a person's mobile, often): sealed, no index. */
export const sealContactPhone = (vault: Vault, field: typeof FIELDS.enterpriseContactPhone | typeof FIELDS.partnerContactPhone, phone: string | null | undefined) =>
  phone == null || phone === '' ? null : seal(vault, field, phone)
export const openContactPhone = (
  vault: Vault,
  field: typeof FIELDS.enterpriseContactPhone | typeof FIELDS.partnerContactPhone,
  enc: string | null,
  plain: string | null = null,
) => (enc == null ? plain : open(vault, field, enc))
