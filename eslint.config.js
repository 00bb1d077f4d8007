import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'data/**', 'server/src/db/migrations/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'server/**/*.mjs', 'web/scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly' } },
  },
  {
    // The pay-sheet PWA's service worker.
    files: ['web/public/**/*.js'],
    languageOptions: {
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', Response: 'readonly', URL: 'readonly', console: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // Dates and months are China dates, from the one clock module: the machine's (or the browser's) own time zone
    // must not decide which day or year it is.
    files: ['server/src/**', 'web/src/**', 'shared/src/**'],
    ignores: ['shared/src/clock.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'setHours', 'setDate', 'toLocaleDateString', 'toDateString'].map(
          (property) => ({ property, message: 'Local time: use the China clock (@gongfang/shared/clock).' }),
        ),
      ],
    },
  },
)
