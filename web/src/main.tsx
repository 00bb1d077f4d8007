import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { i18nReady } from './i18n'
import { App } from './app/app'
import { meQuery, queryClient } from './api/client'

// A signed-in page needs the shell, its page and who is calling: ask for them while the words load, not one after
// the other once the page renders (each lazy chunk then finds its module already there).
if (!/^\/(login|public)(\/|$)/.test(location.pathname)) {
  void queryClient.prefetchQuery(meQuery)
  void import('./app/app-layout')
  if (location.pathname === '/') void import('./pages/home/home-page')
}

// The first screen is drawn in the user's language, never as bare keys.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
