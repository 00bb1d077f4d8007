import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** server/src/db/sql: the one current definition of every SQL function and trigger. */
export const SQL_DIR = fileURLToPath(new URL('./sql', import.meta.url))

/**
 * Splits SQL text into statements at semicolons outside quotes, dollar-quoted bodies and comments
 * (PGlite's extended protocol takes one statement per call, so migrations need a breakpoint between each).
 */
export function splitStatements(text: string): string[] {
  const out: string[] = []
  let start = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i)
      i = nl === -1 ? text.length : nl + 1
    } else if (ch === "'") {
      i = text.indexOf("'", i + 1) + 1 || text.length
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0]
      if (tag) {
        const end = text.indexOf(tag, i + tag.length)
        i = end === -1 ? text.length : end + tag.length
      } else i++
    } else if (ch === ';') {
      const stmt = stripComments(text.slice(start, i)).trim()
      if (stmt) out.push(stmt + ';')
      start = ++i
    } else i++
  }
  const rest = stripComments(text.slice(start)).trim()
  if (rest) out.push(rest)
  return out
}

/** Leading comment lines of a statement (the file's prose) are not part of it. */
function stripComments(stmt: string): string {
  return stmt.replace(/^(\s*--[^\n]*(\n|$))+/, '')
}

export interface SqlFile {
  name: string
  statements: string[]
}

export function readSqlFiles(dir = SQL_DIR): SqlFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, statements: splitStatements(readFileSync(`${dir}/${name}`, 'utf8')) }))
}

/** Function name → its body (between the dollar quotes), as written in the files. */
export function functionBodies(files: SqlFile[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const f of files)
    for (const s of f.statements) {
      const m = /^CREATE OR REPLACE FUNCTION (\w+)\([\s\S]*?\bAS (\$\w*\$)([\s\S]*)\2/.exec(s)
      if (m) out.set(m[1]!, m[3]!)
    }
  return out
}

/** Trigger name@table → its CREATE TRIGGER statement, as written in the files. */
export function triggerDefs(files: SqlFile[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const f of files)
    for (const s of f.statements) {
      const m = /^CREATE TRIGGER (\w+) [\s\S]*? ON (\w+) /.exec(s)
      if (m) out.set(`${m[1]}@${m[2]}`, s.replace(/;$/, ''))
    }
  return out
}
