// OmaKaiku's service worker. Only the card page is kept, so the card can be
// shown at a box office without a connection. Signing out clears the copy
// (the server sends Clear-Site-Data).
//
// ASSETS are the files the card page links, by their content-hashed
// addresses (the server writes them in when it sends this file): they never
// change, so they are kept at install and answered from the cache. A new
// stylesheet means new addresses, a changed service worker and a fresh cache.
var CACHE = 'omakaiku-card-v2'
var CARD_PAGE = '/oma/card'
var ASSETS = []

self.addEventListener('install', function (event) {
  self.skipWaiting()
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(ASSETS)
    }).catch(function () {})
  )
})

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names.filter(function (name) { return name !== CACHE }).map(function (name) { return caches.delete(name) })
      )
    }).then(function () {
      // Files of an earlier version of the card page are not needed any more.
      return caches.open(CACHE).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) {
            var path = new URL(request.url).pathname
            return path !== CARD_PAGE && ASSETS.indexOf(path) === -1
          }).map(function (request) { return cache.delete(request) }))
        })
      })
    }).then(function () { return self.clients.claim() })
  )
})

self.addEventListener('fetch', function (event) {
  var url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return
  if (ASSETS.indexOf(url.pathname) !== -1) {
    // A hashed address never changes: the cache first, the network when missing.
    event.respondWith(
      caches.match(event.request).then(function (cached) {
        return cached || fetch(event.request).then(function (response) {
          if (response.ok) {
            var copy = response.clone()
            caches.open(CACHE).then(function (cache) { cache.put(event.request, copy) })
          }
          return response
        })
      })
    )
    return
  }
  if (url.pathname !== CARD_PAGE) return
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
