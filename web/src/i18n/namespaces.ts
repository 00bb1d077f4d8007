export type Messages = { [key: string]: string | Messages }

/** Namespace name → messages, from the files of one language folder as `import.meta.glob` returns them. */
export function namespacesOf(files: Record<string, { default: Messages }>): Record<string, Messages> {
  const out: Record<string, Messages> = {}
  for (const [file, mod] of Object.entries(files)) {
    const ns = file.match(/([^/]+)\.json$/)?.[1]
    if (ns) out[ns] = mod.default
  }
  return out
}
