import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { unlessRefused } from '#core/services/field_error'
import { historyOf, holderUseOrFail, isCancellable, ticketsOf } from '#usage/services/holder_uses'
import UseChanges from '#usage/services/use_changes'
import { confirmAttendance } from '#usage/services/attendance'
import { feedbackRefusal } from '#usage/services/use_feedback'
import { notesOf } from '#omakaiku/services/notes'
import { ticketInfoOfOffers } from '#offers/services/ticket_info'

/**
 * The holder's tickets (cancellable until the event starts, each with how
 * to get the ticket at the venue) and the history
 * of past uses. Every use is looked up by the holder's own card code: an id
 * of another card's use is not found.
 */
@inject()
export default class MyEventsController {
  constructor(protected changes: UseChanges) {}

  async index({ auth, view }: HttpContext) {
    const tickets = await ticketsOf(auth.use('holder').getUserOrFail().cardCode)
    const ticketInfo = await ticketInfoOfOffers(tickets.map((ticket) => ticket.offerId))
    return view.render('pages/omakaiku/events', { tickets, ticketInfo })
  }

  async confirmCancel({ auth, params, view }: HttpContext) {
    const use = await holderUseOrFail(auth.use('holder').getUserOrFail().cardCode, params.id)
    return view.render('pages/omakaiku/cancel_ticket', { use, cancellable: isCancellable(use) })
  }

  async cancel(ctx: HttpContext) {
    const { auth, params, response, session, i18n } = ctx
    // cancelByHolder looks the ticket up by the holder's own code: another card's is "not found".
    const { cardCode } = auth.use('holder').getUserOrFail()
    const cancelled = await unlessRefused(
      ctx,
      urlFor('my_events.confirm_cancel', { id: params.id }),
      () => this.changes.cancelByHolder(cardCode, params.id)
    )
    if (!cancelled) return
    session.flash('success', i18n.t('omakaiku.ticket_cancelled_flash'))
    return response.redirect().toRoute('my_events.index')
  }

  /** "I am coming": the answer to the reminder's question, as an SMS "1" gives it. */
  async confirm(ctx: HttpContext) {
    const { auth, params, response, session, i18n } = ctx
    const { cardCode } = auth.use('holder').getUserOrFail()
    const use = await holderUseOrFail(cardCode, params.id)
    const confirmed = await unlessRefused(ctx, urlFor('my_events.index'), async () => {
      await confirmAttendance(cardCode, use.id)
      return true
    })
    if (!confirmed) return
    session.flash('success', i18n.t('omakaiku.attendance_confirmed_flash', { title: use.title }))
    return response.redirect().toRoute('my_events.index')
  }

  async history({ auth, view }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const [uses, notes] = await Promise.all([historyOf(account.cardCode), notesOf(account.id)])
    const notedUses = new Set(notes.map((note) => note.useId))
    return view.render('pages/omakaiku/history', { uses, notedUses, feedbackRefusal })
  }
}
