import { decoratorsCollection } from '@japa/browser-client'
import type { PluginFn } from '@japa/runner/types'

/*
| `browserContext.loginAs(user)` of @adonisjs/auth's browser plugin (10.1)
| starts storing the session and setting its cookie in the browser, but
| returns without waiting for either (`context.setSession` is called, not
| awaited). The page a test visits next could then be asked for before the
| cookie is there: on a busy machine it came back as the sign-in page. The
| cookie was ready only a few milliseconds before the next page's request.
|
| This plugin, registered after the session's and auth's own, makes
| `loginAs` (and `withGuard(...).loginAs`) wait until the session is in the
| store and its cookie in the browser; a failure there fails the login
| instead of surfacing later as an unhandled rejection.
*/
export function loginWaitsForSession(): PluginFn {
  return () => {
    decoratorsCollection.register({
      context(context) {
        let stored: Promise<void> = Promise.resolve()
        const setSession = context.setSession.bind(context)
        context.setSession = (values) => (stored = setSession(values))

        const loginAs = context.loginAs.bind(context)
        context.loginAs = async (...args) => {
          await loginAs(...args)
          await stored
        }

        const withGuard = context.withGuard.bind(context)
        context.withGuard = (guard) => {
          const client = withGuard(guard)
          return {
            async loginAs(...args) {
              await client.loginAs(...args)
              await stored
            },
          }
        }
      },
    })
  }
}
