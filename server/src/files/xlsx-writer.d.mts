export interface XlsxSpec {
  sheetName: string
  columns: { header: string; width: number; text: boolean }[]
  preamble?: readonly string[]
  properties?: Record<string, unknown>
  headerFooter?: Record<string, string>
}
export function createXlsxWriter(spec: XlsxSpec): { add(rows: unknown[][]): Promise<void> | undefined; finish(): Promise<Uint8Array> }
/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string
/** Text as XML character data (specials escaped, characters XML cannot hold dropped). */
export function xmlText(s: string): string
