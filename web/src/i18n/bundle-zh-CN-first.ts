import { namespacesOf, type Messages } from './namespaces'

// The words of the pages outside the signed-in shell (login, /public), as their own chunk (see WORDS in index.ts).
export default namespacesOf(
  import.meta.glob<Messages>(['./zh-CN/common.json', './zh-CN/auth.json', './zh-CN/cockpit.json'], {
    eager: true,
    import: 'default',
  }),
)
