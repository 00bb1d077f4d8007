import { idNumberCheckChar, maskIdNumber, maskPhone } from '@gongfang/shared'

/**
 * The privacy rule of every view that shows a person with a masked ID number: the ID keeps its first and last
 * character only (maskIdNumber), so the birth date, sex and region shown beside it never determine the number —
 * the three sequence digits stay unknown (about 45 valid numbers fit). Phones keep 3 + 4 digits (maskPhone).
 * Views use these, never their own masks; full numbers only through audited reveal.
 */
export const maskedIdNumber = maskIdNumber
export const maskedPhone = maskPhone

/** What a masked view shows beside the ID number (the quasi-identifiers of GB/T 37964). */
export interface MaskedPersonView {
  idNumber: string
  birthDate: string
  sex: 'F' | 'M'
  regionCode: string
}

/**
 * Every valid ID number consistent with a masked view, assuming (worst case) the number's first six digits
 * are the view's county (regionCode[0..6]). Used by tests to prove a view does not determine the number.
 */
export function idNumbersMatching(view: MaskedPersonView, limit = 2000): string[] {
  const head = view.regionCode.slice(0, 6) + view.birthDate.replaceAll('-', '')
  const out: string[] = []
  for (let seq = 0; seq < 1000 && out.length < limit; seq++) {
    const body = head + String(seq).padStart(3, '0')
    if ((Number(body[16]) % 2 === 1 ? 'M' : 'F') !== view.sex) continue
    const id = body + idNumberCheckChar(body)
    if (maskIdNumber(id) === view.idNumber) out.push(id)
  }
  return out
}
