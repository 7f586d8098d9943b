import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { HOLDER_PATH } from '#config/session'
import { unlessRefused } from '#core/services/field_error'
import { hasStarted, historyOf, holderUse, ticketsOf } from '#usage/services/holder_uses'
import UseChanges from '#usage/services/use_changes'
import { notesOf } from '#omakaiku/services/notes'

/**
 * The holder's tickets (cancellable until the event starts) and the history
 * of past uses. Every use is looked up by the holder's own card code: an id
 * of another card's use is not found.
 */
@inject()
export default class MyEventsController {
  constructor(protected changes: UseChanges) {}

  async index({ auth, view }: HttpContext) {
    const tickets = await ticketsOf(auth.use('holder').getUserOrFail().cardCode)
    return view.render('pages/omakaiku/events', { tickets })
  }

  async confirmCancel({ auth, params, view, response }: HttpContext) {
    const use = await holderUse(auth.use('holder').getUserOrFail().cardCode, params.id)
    if (!use) return response.notFound(await view.render('pages/omakaiku/not_found'))
    const cancellable = use.status === 'registered' && !hasStarted(use)
    return view.render('pages/omakaiku/cancel_ticket', { use, cancellable })
  }

  async cancel(ctx: HttpContext) {
    const { auth, params, response, session, i18n, view } = ctx
    const { cardCode } = auth.use('holder').getUserOrFail()
    if (!(await holderUse(cardCode, params.id))) {
      return response.notFound(await view.render('pages/omakaiku/not_found'))
    }
    const cancelled = await unlessRefused(ctx, `${HOLDER_PATH}/events/${params.id}/cancel`, () =>
      this.changes.cancelByHolder(cardCode, params.id)
    )
    if (!cancelled) return
    session.flash('success', i18n.t('omakaiku.ticket_cancelled_flash'))
    return response.redirect(`${HOLDER_PATH}/events`)
  }

  async history({ auth, view }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const [uses, notes] = await Promise.all([historyOf(account.cardCode), notesOf(account.id)])
    const notedUses = new Set(notes.map((note) => note.useId))
    return view.render('pages/omakaiku/history', { uses, notedUses, hasStarted })
  }
}
