import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { REPO, startServer } from './harness'

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string
  }
}

/**
 * Builds this run's template data directory once (migrations, regions, demo data) in a directory of
 * its own, so concurrent runs never share one; each test file's server starts from a copy.
 */
export default async function setup(project: TestProject) {
  mkdirSync(join(REPO, '.tmp'), { recursive: true })
  const dir = mkdtempSync(join(REPO, '.tmp', 'e2e-template-'))
  const server = await startServer({ dataDir: dir, keepData: true })
  await server.stop() // SIGTERM: the server closes PGlite cleanly, so the directory can be copied
  project.provide('e2eTemplate', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
