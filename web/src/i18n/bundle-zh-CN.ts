import { namespacesOf, type Messages } from './namespaces'

// Every namespace of one language, as one chunk (see BUNDLES in index.ts).
export default namespacesOf(import.meta.glob<{ default: Messages }>('./zh-CN/*.ts', { eager: true }))
