import { namespacesOf, type Messages } from './namespaces'

// Every other namespace of one language, as one chunk, for the signed-in shell (see WORDS in index.ts).
export default namespacesOf(
  import.meta.glob<Messages>(['./en/*.json', '!./en/common.json', '!./en/auth.json', '!./en/cockpit.json'], {
    eager: true,
    import: 'default',
  }),
)
