import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/*
| A session's expiry moves on with each request (the store's touch, a write
| to the `sessions` row) when the request changed nothing else in it. A box
| office registering a card every few seconds would write its row on every
| answer: here a process moves a session's expiry on at most once a minute.
| An idle session then ends between two hours less a minute and two hours
| after its last request. Each process remembers only the ids it touched or
| wrote in the last minute; the row stays the truth, for every process.
*/
export const TOUCH_EVERY_MS = 60_000

/** When this process last moved each session's expiry on (written or touched). */
const movedOn = new Map<string, number>()
let lastSweep = 0

function remember(sessionId: string, now = Date.now()) {
  movedOn.set(sessionId, now)
  // Ids older than the window are forgotten once a window, so the memory holds the last minute's.
  if (now - lastSweep < TOUCH_EVERY_MS) return
  lastSweep = now
  for (const [id, at] of movedOn) if (at <= now - TOUCH_EVERY_MS) movedOn.delete(id)
}

class TouchOncePerMinute implements SessionStoreWithTaggingContract {
  constructor(protected store: SessionStoreWithTaggingContract) {}

  read(sessionId: string) {
    return this.store.read(sessionId)
  }

  async write(sessionId: string, values: SessionData) {
    await this.store.write(sessionId, values)
    remember(sessionId)
  }

  async destroy(sessionId: string) {
    movedOn.delete(sessionId)
    await this.store.destroy(sessionId)
  }

  async touch(sessionId: string) {
    const now = Date.now()
    if ((movedOn.get(sessionId) ?? -Infinity) > now - TOUCH_EVERY_MS) return
    await this.store.touch(sessionId)
    remember(sessionId, now)
  }

  tag(sessionId: string, userId: string | number) {
    return this.store.tag(sessionId, userId)
  }

  untag(sessionId: string, userId: string | number) {
    return this.store.untag(sessionId, userId)
  }

  tagged(userId: string | number) {
    return this.store.tagged(userId)
  }
}

/** A session store (one that tags sessions with their user) whose touch writes at most once a minute. */
export function touchedOncePerMinute(
  store: ConfigProvider<SessionStoreFactory>
): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const factory = await store.resolver(app)
    return (ctx, config) =>
      new TouchOncePerMinute(factory(ctx, config) as SessionStoreWithTaggingContract)
  })
}
