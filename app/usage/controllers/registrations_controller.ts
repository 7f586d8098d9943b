import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { ReadOnlyValuesStore } from '@adonisjs/session'
import type { SessionData } from '@adonisjs/session/types'
import RegistrationService, { type Registered } from '#usage/services/registration_service'
import { usageVenueIds } from '#usage/services/usage_scope'
import { placesGiven } from '#usage/services/venue_usage'
import { registrationValidator } from '#usage/validators/registration'
import { registrableTargets, targetValue } from '#offers/services/registration_targets'
import { showDetails, showPicker } from '#usage/services/show_picker'
import { organisationNames } from '#registry/services/directory'
import { formatCardCode } from '#registry/services/card_code'
import { FieldError, refusalMessage } from '#core/services/field_error'
import { cardAnswerOf } from '#usage/services/box_office_answer'
import { today } from '#core/services/time'

/** The id of the form's region that htmx swaps with the POST's answer. */
const HTMX_TARGET = 'box-office'

/**
 * The box office's one screen: type or scan a card code, choose the show,
 * press Enter. The chosen show stays selected for the next card in the queue
 * (it travels in the address: `?choice=occurrence-12`).
 *
 * Without JavaScript the POST redirects to the page with its answer flashed.
 * Sent by htmx, the POST answers itself with only what changed: the answer
 * and the form (a new submission key, the code field emptied or kept after a
 * refusal), the same templates reading the same messages; after a
 * registration its show's places left as counted under the lock, the other
 * choices left as they are on the page.
 */
@inject()
export default class RegistrationsController {
  constructor(protected registrations: RegistrationService) {}

  async create({ request, view, session, auth, i18n }: HttpContext) {
    // After a refused form the show sent counts; else the one in the address (the last registration's).
    const wanted = session.flashMessages.get('choice') ?? request.input('choice') ?? null
    return view.render(
      'pages/usage/register',
      await this.#formState({ request, auth, i18n }, typeof wanted === 'string' ? wanted : null)
    )
  }

  async store(ctx: HttpContext) {
    const { request, auth, i18n } = ctx
    const input = await request.validateUsing(registrationValidator)
    const venue = Number(request.input('venue')) || null
    const backTo = urlFor('registrations.create', undefined, {
      qs: { choice: input.choice, venue: venue ?? undefined },
    })
    let registration: Registered
    try {
      registration = await this.registrations.register(input, auth.use('staff').getUserOrFail())
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      return this.#answer(ctx, this.#refusal(ctx, error, input.code), backTo, { keepInput: true })
    }
    const { use } = registration
    const registered = i18n.t(
      use.groupSize === null ? 'usage.registered_flash' : 'usage.registered_community_flash',
      {
        code: formatCardCode(use.cardCode),
        group: use.groupSize,
        places: use.places,
        children: use.childrenCount,
      }
    )
    return this.#answer(ctx, { registered }, backTo, { registration })
  }

  /**
   * What the page shows after a refusal. A refused card is the page's answer,
   * with what to tell the holder; the code stays in its field, selected, so
   * the next scan replaces it. Other refusals are errors next to their field.
   */
  #refusal(ctx: HttpContext, error: FieldError, code: string): SessionData {
    const message = refusalMessage(ctx.i18n, error)
    const answer = cardAnswerOf(error)
    if (!answer) return { inputErrorsBag: { [error.field]: [message] } }
    const typed = code.trim().toUpperCase()
    const refusal = {
      cardRefusal: {
        code: typed,
        message,
        advice: answer.adviceKey ? ctx.i18n.t(answer.adviceKey) : null,
      },
    }
    if (answer.reason !== 'cap_reached') return refusal
    // A full show: the box office may put the card on its waiting list.
    return {
      ...refusal,
      waitingListOffer: {
        code: typed,
        choice: ctx.request.input('choice'),
        childrenCount: ctx.request.input('childrenCount'),
        groupSize: ctx.request.input('groupSize'),
      },
    }
  }

  /**
   * Without JavaScript: the messages flashed (with the input after a refusal)
   * and a redirect to the page. From htmx: the answer and the form rendered
   * now with the same messages, nothing flashed, the address updated.
   */
  async #answer(
    ctx: HttpContext,
    messages: SessionData,
    backTo: string,
    outcome: { keepInput: true } | { registration: Registered }
  ) {
    const { request, response, session, view } = ctx
    const keepInput = 'keepInput' in outcome
    if (request.header('hx-request') !== 'true' || request.header('hx-target') !== HTMX_TARGET) {
      if (keepInput) session.flashAll()
      session.flash(messages)
      return response.redirect(backTo)
    }
    const flashMessages = new ReadOnlyValuesStore({
      ...(keepInput ? request.except(['_csrf', 'submissionKey']) : {}),
      ...messages,
    })
    view.share({ flashMessages })
    response.header('HX-Replace-Url', backTo)
    const registered =
      'registration' in outcome ? await this.#registered(ctx, outcome.registration) : null
    return view.render(
      'pages/usage/_box_office_update',
      registered ?? (await this.#formState(ctx, request.input('choice') ?? null))
    )
  }

  /**
   * The form after a registration: its show's places left, counted under the
   * lock, and no picker (the choices on the page stay). Null when the
   * submission repeated an earlier one, which counted nothing: then the
   * whole form comes again.
   */
  async #registered(
    { request, auth, i18n }: Pick<HttpContext, 'request' | 'auth' | 'i18n'>,
    { use, placesLeft }: Registered
  ) {
    if (placesLeft === undefined) return null
    const actor = auth.use('staff').getUserOrFail()
    // A ticket agent's choices name the venue, as the picker does.
    const venues =
      actor.role === 'ticket_agent' ? await organisationNames([use.organisationId]) : null
    const venue = venues?.get(use.organisationId) ?? null
    return {
      picker: null,
      chosen:
        placesLeft === null
          ? null
          : {
              value: targetValue(use),
              details: showDetails(i18n, { placesLeft, venue, afterwards: use.usedOn < today() }),
            },
      // The list narrowed to one venue stays so: the one registered at.
      venueFilter:
        Number(request.input('venue')) === use.organisationId ? use.organisationId : null,
      submissionKey: randomUUID(),
    }
  }

  /** The form's state: the shows to choose from, with places left, and a new submission key. */
  async #formState(
    { request, auth, i18n }: Pick<HttpContext, 'request' | 'auth' | 'i18n'>,
    wanted: string | null
  ) {
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
    return {
      picker: showPicker({
        targets,
        taken: await placesGiven(occurrenceIds),
        venues,
        wanted,
        i18n,
      }),
      venues,
      venueFilter,
      submissionKey: randomUUID(),
    }
  }
}
