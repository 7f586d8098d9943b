// OmaKaiku's service worker. Only the card page is kept, so the card can be
// shown at a box office without a connection. Signing out clears the copy
// (the server sends Clear-Site-Data).
var CACHE = 'omakaiku-card-v1'
var CARD_PAGE = '/oma/card'

self.addEventListener('install', function () {
  self.skipWaiting()
})

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names.filter(function (name) { return name !== CACHE }).map(function (name) { return caches.delete(name) })
      )
    }).then(function () { return self.clients.claim() })
  )
})

self.addEventListener('fetch', function (event) {
  var url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return
  if (url.pathname !== CARD_PAGE && !url.pathname.startsWith('/css/')) return
  // Network first: the card page is always fresh when there is a connection.
  event.respondWith(
    fetch(event.request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone()
        caches.open(CACHE).then(function (cache) { cache.put(event.request, copy) })
      }
      return response
    }).catch(function () {
      return caches.match(event.request).then(function (cached) {
        return cached || Response.error()
      })
    })
  )
})
