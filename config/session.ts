import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { touchedOncePerMinute } from '#core/services/session_touch'

/*
| Two sessions that never mix: staff of the registry, and cardholders in
| OmaKaiku (everything under HOLDER_PATH). Each has its own cookie; the
| cardholder's cookie is sent only to OmaKaiku's addresses. In production
| they live in the database (`sessions` on each connection): the cookie
| carries only the session's id, so it stays small whatever a refused form
| flashes back, and ending a session on the server ends every copy of it.
| A session's expiry is written at most once a minute (session_touch.ts).
*/
export const HOLDER_PATH = '/oma'

const store = env.get('SESSION_DRIVER')

export default defineConfig({
  enabled: true,
  cookieName: 'kaikukanta-session',
  clearWithBrowser: false,
  // Staff sessions end after two hours without activity.
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store,
  stores: {
    cookie: stores.cookie(),
    database: touchedOncePerMinute(stores.database({ connectionName: 'registry' })),
  },
})

export const holderSession = defineConfig({
  enabled: true,
  cookieName: 'omakaiku-session',
  clearWithBrowser: false,
  // A cardholder stays signed in on their own phone for a week of inactivity at most.
  age: '7d',
  cookie: {
    path: HOLDER_PATH,
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store,
  stores: {
    cookie: stores.cookie(),
    database: touchedOncePerMinute(stores.database({ connectionName: 'omakaiku' })),
  },
})
