import { blindIndex, normalizeIdNumber, normalizePhone, open, seal, type Vault } from './vault.ts'

/**
 * What the database holds of a worker's personal numbers (PIPL sensitive data): sealed values and blind
 * indexes, never the numbers. The workers service writes through sealWorkerPersonal and reads through
 * openWorkerPersonal; search and duplicate checks compare blind indexes (idNumberIndex, phoneIndex).
 */
export const FIELDS = {
  workerIdNumber: 'workers.id_number',
  workerPhone: 'workers.phone',
  workerDisabilityGrade: 'workers.disability_grade',
  expertPhone: 'experts.phone',
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
  phoneEnc: string | null
  phoneBidx: string | null
  disabilityGradeEnc: string | null
}

export function sealWorkerPersonal(vault: Vault, p: WorkerPersonal): SealedWorkerPersonal {
  const id = normalizeIdNumber(p.idNumber)
  const phone = p.phone == null || p.phone === '' ? null : p.phone
  return {
    idNumberEnc: seal(vault, FIELDS.workerIdNumber, id),
    idNumberBidx: blindIndex(vault, FIELDS.workerIdNumber, id),
    phoneEnc: phone === null ? null : seal(vault, FIELDS.workerPhone, phone),
    phoneBidx: phone === null ? null : blindIndex(vault, FIELDS.workerPhone, normalizePhone(phone)),
    disabilityGradeEnc: p.disabilityGrade == null ? null : seal(vault, FIELDS.workerDisabilityGrade, String(p.disabilityGrade)),
  }
}

export function openWorkerPersonal(
  vault: Vault,
  row: Pick<SealedWorkerPersonal, 'idNumberEnc' | 'phoneEnc' | 'disabilityGradeEnc'>,
): WorkerPersonal {
  return {
    idNumber: open(vault, FIELDS.workerIdNumber, row.idNumberEnc),
    phone: row.phoneEnc == null ? null : open(vault, FIELDS.workerPhone, row.phoneEnc),
    disabilityGrade: row.disabilityGradeEnc == null ? null : Number(open(vault, FIELDS.workerDisabilityGrade, row.disabilityGradeEnc)),
  }
}

/** Blind index to find a worker by full ID number (search, one-person-one-record check). */
export const idNumberIndex = (vault: Vault, idNumber: string) => blindIndex(vault, FIELDS.workerIdNumber, normalizeIdNumber(idNumber))
/** Blind index to find a worker by full phone number. */
export const phoneIndex = (vault: Vault, phone: string) => blindIndex(vault, FIELDS.workerPhone, normalizePhone(phone))

export function sealExpertPhone(vault: Vault, phone: string | null): { phoneEnc: string | null; phoneBidx: string | null } {
  if (phone == null || phone === '') return { phoneEnc: null, phoneBidx: null }
  return { phoneEnc: seal(vault, FIELDS.expertPhone, phone), phoneBidx: blindIndex(vault, FIELDS.expertPhone, normalizePhone(phone)) }
}
export const openExpertPhone = (vault: Vault, phoneEnc: string | null) => (phoneEnc == null ? null : open(vault, FIELDS.expertPhone, phoneEnc))
