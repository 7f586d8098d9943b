import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/*
| The legacy driver is the one AdonisJS 6 used: cookies, sessions and the
| OmaKaiku notes already stored in the database were encrypted with it and
| must stay readable.
*/
export default defineConfig({
  default: 'legacy',
  list: {
    legacy: drivers.legacy({
      keys: [env.get('APP_KEY')],
    }),
  },
})
