import { maskIdNumber, maskPhone } from '@gongfang/shared'

// Who sees personal numbers in full is decided in the access module (auth/access/registry.ts: workerNumbersInFull).

export function idNumberFor(full: boolean, id: string): string {
  return full ? id : maskIdNumber(id)
}

export function phoneFor(full: boolean, phone: string | null): string | null {
  return phone == null ? null : full ? phone : maskPhone(phone)
}
