// The web app's build, made when it is missing or older than its sources (npm install and npm start).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const newest = (dir) => {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** Builds the web app when needed; returns the build's exit status (0 when it was up to date). */
export function buildWebIfStale() {
  const built = join(root, 'web/dist/index.html')
  const sources = Math.max(newest(join(root, 'web/src')), newest(join(root, 'shared/src')), statSync(join(root, 'web/index.html')).mtimeMs)
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return 0
  console.log('Building the web app…')
  return spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' }).status ?? 1
}
