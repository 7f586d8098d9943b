import { configProvider } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/auth'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

const authConfig = defineConfig({
  default: 'staff',
  guards: {
    // The staff user comes with their organisation's standing (staff_user_provider.ts).
    staff: sessionGuard({
      useRememberMeTokens: false,
      provider: configProvider.create(async () => {
        const { StaffUserProvider } = await import('#registry/services/staff_user_provider')
        return new StaffUserProvider({ model: () => import('#registry/models/user') })
      }),
    }),
    // Cardholders in OmaKaiku: accounts on the omakaiku connection, their own session cookie.
    holder: sessionGuard({
      useRememberMeTokens: false,
      provider: sessionUserProvider({
        model: () => import('#omakaiku/models/account'),
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
