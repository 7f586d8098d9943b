import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { SessionStoreFactory } from '@adonisjs/session/types'
import staffSession, { HOLDER_PATH, holderSession } from '#config/session'

/** Whether a path belongs to OmaKaiku, the cardholders' own service. */
export function isHolderPath(path: string) {
  return path === HOLDER_PATH || path.startsWith(`${HOLDER_PATH}/`)
}

type Middleware = SessionMiddleware<Record<string, SessionStoreFactory>>
let sessions: Promise<{ staff: Middleware; holder: Middleware }> | undefined

async function resolveSessions() {
  const build = async (provider: typeof staffSession): Promise<Middleware> =>
    new SessionMiddleware((await configProvider.resolve(app, provider))!, emitter)
  return { staff: await build(staffSession), holder: await build(holderSession) }
}

/**
 * Staff and cardholders have separate sessions: OmaKaiku's pages read and
 * write the cardholder's own cookie, every other page the staff cookie.
 */
export default class PickSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    sessions ??= resolveSessions()
    const { staff, holder } = await sessions
    return (isHolderPath(ctx.request.url()) ? holder : staff).handle(ctx, next)
  }
}
