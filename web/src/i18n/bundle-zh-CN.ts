import { namespacesOf, type Messages } from './namespaces'

// Every other namespace of one language, as one chunk, for the signed-in shell (see WORDS in index.ts).
export default namespacesOf(
  import.meta.glob<Messages>(
    ['./zh-CN/*.json', '!./zh-CN/common.json', '!./zh-CN/auth.json', '!./zh-CN/cockpit.json'],
    { eager: true, import: 'default' },
  ),
)
