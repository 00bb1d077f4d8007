import { expect, test } from 'vitest'
import { splitStatements } from './sql-files.ts'

test('statements split at semicolons outside dollar-quoted bodies, strings and comments', () => {
  const parts = splitStatements(`-- prose; with a semicolon\nCREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;\nSELECT ';' AS x;\n-- trailing`)
  expect(parts).toEqual([`CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;`, `SELECT ';' AS x;`])
})
