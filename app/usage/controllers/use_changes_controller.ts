import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CardUsePolicy from '#usage/policies/card_use_policy'
import UseChanges from '#usage/services/use_changes'
import CardUse from '#usage/models/card_use'
import { refusalMessage, FieldError } from '#core/services/field_error'

/** The venue cancels a use (the place is freed) or marks a no-show. */
@inject()
export default class UseChangesController {
  constructor(protected changes: UseChanges) {}

  async update({ params, request, response, bouncer, session, i18n }: HttpContext) {
    const use = await CardUse.findOrFail(params.id)
    await bouncer.with(CardUsePolicy).authorize('manage', use)
    const change = params.change as 'cancel' | 'no-show'
    try {
      if (change === 'cancel') await this.changes.cancelByVenue(use)
      else await this.changes.markNoShow(use)
      session.flash(
        'success',
        i18n.t(`usage.${change === 'cancel' ? 'cancelled' : 'no_show'}_flash`)
      )
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      session.flash('notice', refusalMessage(i18n, error))
    }
    if (request.input('back') === 'inbox') return response.redirect().toRoute('inbox.index')
    if (use.occurrenceId) {
      return response.redirect().toRoute('rosters.show', { id: use.occurrenceId })
    }
    return response.redirect().toRoute('registrations.create')
  }
}
