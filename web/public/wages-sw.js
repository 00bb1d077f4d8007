/* Gongfang service worker: keeps the app shell and the last API answers so the day sheet opens offline.
   Entries themselves are queued by the page in IndexedDB (never here): POSTs pass straight through. */
const SHELL = 'gf-shell-v1'
const DATA = 'gf-data-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/', '/wages.webmanifest', '/favicon.svg'])).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const req = event.request
  if (req.method !== 'GET') return
  const url = new URL(req.url)
  if (url.origin !== self.location.origin) return
  // Hashed build assets never change: cache first.
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(req).then((hit) => hit || fetch(req).then((res) => {
        if (res.ok) { const copy = res.clone(); caches.open(SHELL).then((c) => c.put(req, copy)) }
        return res
      })),
    )
    return
  }
  // Read-only API answers the day sheet needs: network first, last copy when offline.
  if (url.pathname.startsWith('/api/work-records/') || url.pathname === '/api/auth/me') {
    event.respondWith(
      fetch(req).then((res) => {
        if (res.ok) { const copy = res.clone(); caches.open(DATA).then((c) => c.put(req, copy)) }
        return res
      }).catch(() => caches.match(req).then((hit) => hit || Response.error())),
    )
    return
  }
  // Page navigations (SPA): network first, the cached shell when offline.
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req).then((res) => {
        if (res.ok) { const copy = res.clone(); caches.open(SHELL).then((c) => c.put('/', copy)) }
        return res
      }).catch(() => caches.match('/').then((hit) => hit || Response.error())),
    )
  }
})
