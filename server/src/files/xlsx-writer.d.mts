export interface XlsxSpec {
  sheetName: string
  columns: { header: string; width: number; text: boolean }[]
  preamble?: readonly string[]
  properties?: Record<string, unknown>
  headerFooter?: Record<string, string>
}
export function createXlsxWriter(spec: XlsxSpec): { add(rows: unknown[][]): void; finish(): Promise<Uint8Array> }
