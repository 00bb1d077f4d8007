// npm start: build the web app when the build is missing or older than its sources, then run the server.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildWebIfStale } from './web-build.mjs'

const root = new URL('..', import.meta.url).pathname
const status = buildWebIfStale()
if (status !== 0) process.exit(status)
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
