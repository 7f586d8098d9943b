import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RegistrationService from '#usage/services/registration_service'
import { usageVenueIds } from '#usage/services/usage_scope'
import { placesGiven } from '#usage/services/venue_usage'
import { registrationValidator } from '#usage/validators/registration'
import { registrableTargets } from '#offers/services/registration_targets'
import { showPicker } from '#usage/services/show_picker'
import { organisationNames } from '#registry/services/directory'
import { formatCardCode } from '#registry/services/card_code'
import { FieldError, refusalMessage, refuseField } from '#core/services/field_error'
import { cardAnswerOf } from '#usage/services/box_office_answer'

/**
 * The box office's one screen: type or scan a card code, choose the show,
 * press Enter. The chosen show stays selected for the next card in the queue
 * (it travels in the address: `?choice=occurrence-12`).
 */
@inject()
export default class RegistrationsController {
  constructor(protected registrations: RegistrationService) {}

  async create({ request, auth, view, session, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const venueIds = await usageVenueIds(actor)
    // A ticket agent serving many venues may narrow the list to one.
    const venueFilter = venueIds.find((id) => id === Number(request.input('venue'))) ?? null
    const targets = await registrableTargets(
      venueFilter ? [venueFilter] : venueIds,
      actor.role === 'ticket_agent'
    )
    const occurrenceIds = [...targets.today, ...targets.coming, ...targets.past].map((o) => o.id)
    const venues = actor.role === 'ticket_agent' ? await organisationNames(venueIds) : null
    // After a refused form the show sent counts; else the one in the address (the last registration's).
    const wanted = session.flashMessages.get('choice') ?? request.input('choice') ?? null
    return view.render('pages/usage/register', {
      picker: showPicker({
        targets,
        taken: await placesGiven(occurrenceIds),
        venues,
        wanted: typeof wanted === 'string' ? wanted : null,
        i18n,
      }),
      venues,
      venueFilter,
      submissionKey: randomUUID(),
    })
  }

  async store(ctx: HttpContext) {
    const { request, auth, session, response, i18n } = ctx
    const input = await request.validateUsing(registrationValidator)
    const venue = Number(request.input('venue')) || null
    const backTo = urlFor('registrations.create', undefined, {
      qs: { choice: input.choice, venue: venue ?? undefined },
    })
    let use
    try {
      use = await this.registrations.register(input, auth.use('staff').getUserOrFail())
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      return this.#refused(ctx, error, backTo, input.code)
    }
    session.flash(
      'success',
      i18n.t(
        use.groupSize === null ? 'usage.registered_flash' : 'usage.registered_community_flash',
        {
          code: formatCardCode(use.cardCode),
          group: use.groupSize,
          places: use.places,
          children: use.childrenCount,
        }
      )
    )
    return response.redirect(backTo)
  }

  /**
   * A refused card is the page's answer, with what to tell the holder; the
   * code stays in its field, selected, so the next scan replaces it. Other
   * refusals are errors next to their field.
   */
  #refused(ctx: HttpContext, error: FieldError, backTo: string, code: string) {
    const answer = cardAnswerOf(error)
    if (!answer) return refuseField(ctx, error, backTo)
    ctx.session.flashAll()
    ctx.session.flash('cardRefusal', {
      code: code.trim().toUpperCase(),
      message: refusalMessage(ctx.i18n, error),
      advice: answer.adviceKey ? ctx.i18n.t(answer.adviceKey) : null,
    })
    // A full show: the box office may put the card on its waiting list.
    if (answer.reason === 'cap_reached') {
      ctx.session.flash('waitingListOffer', {
        code: code.trim().toUpperCase(),
        choice: ctx.request.input('choice'),
        childrenCount: ctx.request.input('childrenCount'),
        groupSize: ctx.request.input('groupSize'),
      })
    }
    return ctx.response.redirect(backTo)
  }
}
