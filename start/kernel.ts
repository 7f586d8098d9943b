import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#core/exceptions/handler'))

server.use([
  () => import('#operations/middleware/access_log_middleware'),
  () => import('#core/middleware/container_bindings_middleware'),
  () => import('#core/middleware/security_headers_middleware'),
  // The app's files (public/, htmx): answered here, before the session and the router.
  () => import('#core/middleware/assets_middleware'),
  // Around everything below: pages, fragments and error pages go out compressed.
  () => import('#core/middleware/compression_middleware'),
  () => import('@adonisjs/static/static_middleware'),
])

router.use([
  () => import('#core/middleware/session_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#core/middleware/silent_auth_middleware'),
  () => import('#registry/middleware/staff_standing_middleware'),
  () => import('#core/middleware/detect_user_locale_middleware'),
  () => import('#core/middleware/initialize_bouncer_middleware'),
  () => import('#usage/middleware/venue_inbox_middleware'),
  () => import('#bulletin/middleware/bulletin_unread_middleware'),
  // After the session and the language: a body over the size limit is answered
  // with the app's own page in the user's language.
  () => import('@adonisjs/core/bodyparser_middleware'),
  // Last, so that a refused form (CSRF) can still be answered in the user's
  // language and, after an expired session, lead back through sign-in.
  () => import('#core/middleware/shield_middleware'),
])

export const middleware = router.named({
  auth: () => import('#core/middleware/auth_middleware'),
  guest: () => import('#core/middleware/guest_middleware'),
  role: () => import('#core/middleware/role_middleware'),
  holder: () => import('#omakaiku/middleware/holder_middleware'),
  keepFlash: () => import('#core/middleware/keep_flash_middleware'),
})
