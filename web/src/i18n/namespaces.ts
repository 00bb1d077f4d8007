export type Messages = { [key: string]: string | Messages }

/**
 * Namespace name → messages, from the files of one language folder as `import.meta.glob` returns them.
 * The globs take only each file's default export (`import: 'default'`): Vite also makes every top-level
 * key of a JSON file a named export, which would otherwise be bundled beside it (about 17% more bytes).
 */
export function namespacesOf(files: Record<string, Messages>): Record<string, Messages> {
  const out: Record<string, Messages> = {}
  for (const [file, messages] of Object.entries(files)) {
    const ns = file.match(/([^/]+)\.json$/)?.[1]
    if (ns) out[ns] = messages
  }
  return out
}
