import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/lock'

/*
| Cross-instance locks for scheduled jobs: each recurring job runs once at a
| time across every app instance. The table lives on the omakaiku connection
| beside the outbox it guards. Tests that run inside one transaction use
| the memory store (LOCK_STORE=memory).
*/
const lockConfig = defineConfig({
  default: env.get('LOCK_STORE', 'database'),
  stores: {
    database: stores.database({ connectionName: 'omakaiku', tableName: 'locks' }),
    memory: stores.memory(),
  },
})

export default lockConfig

declare module '@adonisjs/lock/types' {
  export interface LockStoresList extends InferLockStores<typeof lockConfig> {}
}
