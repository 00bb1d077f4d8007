import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { i18nReady } from './i18n'
import { App } from './app/app'
import { meQuery, queryClient } from './api/client'
import { hasLightShell } from './app/homes'

// A signed-in page needs the shell, its page and who is calling: ask for them while the words load, not one after
// the other once the page renders (each lazy chunk then finds its module already there).
if (!/^\/(login|public)(\/|$)/.test(location.pathname)) {
  const me = queryClient.fetchQuery(meQuery).catch(() => null)
  if (location.pathname === '/') {
    // Workers' and operators' homes come in the light shell: the staff shell only once the answer says it is needed.
    void import('./pages/home/home-page')
    void me.then((user) => void (hasLightShell(user) ? import('./app/light-shell') : import('./app/app-layout')))
  } else void import('./app/app-layout')
}

// The first screen is drawn in the user's language, never as bare keys.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
