import { namespacesOf, type Messages } from './namespaces'

// The words of the pages outside the signed-in shell (login, /public), as their own chunk (see WORDS in index.ts).
export default namespacesOf(import.meta.glob<{ default: Messages }>(['./zh-CN/common.ts', './zh-CN/auth.ts', './zh-CN/cockpit.ts'], { eager: true }))
