import { SessionCollection } from '@adonisjs/session'
import type { Session } from '@adonisjs/session'
import { sessionConfigs } from '#core/middleware/session_middleware'

/*
| Sessions are kept on the server and tagged with their user (staff) or
| account (cardholder), so that all of one person's sessions can be ended at
| once: a copied cookie then leads nowhere. The cookie store keeps nothing on
| the server and cannot be told to forget; production uses the database.
*/
type Realm = 'staff' | 'holder'

async function sessionsOf(realm: Realm) {
  const configs = await sessionConfigs()
  return new SessionCollection(configs[realm])
}

/** Marks this session as the person's, right after signing in. */
export async function tagSession(session: Session, id: number) {
  if (session.supportsTagging()) await session.tag(String(id))
}

/** Ends every session of the person, except `keep` (the one making the change). */
export async function endSessions(realm: Realm, id: number, keep?: string) {
  const sessions = await sessionsOf(realm)
  if (!sessions.supportsTagging()) return
  for (const tagged of await sessions.tagged(String(id))) {
    if (tagged.id !== keep) await sessions.destroy(tagged.id)
  }
}
