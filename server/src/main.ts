// Entry point: install the module hook before anything loads zod, then start the server.
import { register } from 'node:module'

register('./zod-single-instance.mjs', import.meta.url)
await import('./server.ts')
