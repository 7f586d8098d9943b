import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE'),
  stores: {
    database: stores.database({ tableName: 'rate_limits', connectionName: 'registry' }),
    // Cardholders' counters are keyed by e-mail address: they stay on the omakaiku connection.
    holderDatabase: stores.database({ tableName: 'rate_limits', connectionName: 'omakaiku' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
