import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { ResolvedSessionConfig, SessionStoreFactory } from '@adonisjs/session/types'
import env from '#start/env'
import staffSession, { HOLDER_PATH, holderSession } from '#config/session'

/** Whether a path belongs to OmaKaiku, the cardholders' own service. */
export function isHolderPath(path: string) {
  return path === HOLDER_PATH || path.startsWith(`${HOLDER_PATH}/`)
}

type Middleware = SessionMiddleware<Record<string, SessionStoreFactory>>
type Sessions = { staff: Middleware; holder: Middleware }
type SessionStore = ReturnType<typeof env.get<'SESSION_DRIVER'>>
const built = new Map<string, Promise<Sessions>>()

/** Both sessions' configuration, with the store SESSION_DRIVER names now. */
export async function sessionConfigs(store = env.get('SESSION_DRIVER')) {
  const resolve = async (provider: typeof staffSession) => ({
    ...(await configProvider.resolve<ResolvedSessionConfig>(app, provider))!,
    store,
  })
  return { staff: await resolve(staffSession), holder: await resolve(holderSession) }
}

async function resolveSessions(store: SessionStore): Promise<Sessions> {
  const configs = await sessionConfigs(store)
  return {
    staff: new SessionMiddleware(configs.staff, emitter),
    holder: new SessionMiddleware(configs.holder, emitter),
  }
}

/**
 * Staff and cardholders have separate sessions: OmaKaiku's pages read and
 * write the cardholder's own cookie, every other page the staff cookie.
 * The store is the one SESSION_DRIVER names when the request comes (a test
 * group can run on the database store like production).
 */
export default class PickSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const store = env.get('SESSION_DRIVER')
    let sessions = built.get(store)
    if (!sessions) {
      sessions = resolveSessions(store)
      built.set(store, sessions)
    }
    const { staff, holder } = await sessions
    return (isHolderPath(ctx.request.url()) ? holder : staff).handle(ctx, next)
  }
}
