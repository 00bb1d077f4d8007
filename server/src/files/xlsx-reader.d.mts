export function cellText(v: unknown): string
export function readFirstSheet(bytes: Uint8Array): Promise<{ headers: string[]; rows: { row: number; cells: string[] }[] } | null>
export function isBlank(cells: readonly string[]): boolean
