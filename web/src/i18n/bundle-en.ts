import { namespacesOf, type Messages } from './namespaces'

// Every other namespace of one language, as one chunk, for the signed-in shell (see WORDS in index.ts).
export default namespacesOf(
  import.meta.glob<{ default: Messages }>(['./en/*.ts', '!./en/common.ts', '!./en/auth.ts', '!./en/cockpit.ts'], { eager: true }),
)
