// OmaKaiku as a home-screen app: a service worker keeps the card page
// readable offline once it has been opened. Without it, pages work as usual.
;(function () {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/oma/service-worker.js', { scope: '/oma/' }).catch(function () {})
  })
})()
