import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RegistrationService from '#usage/services/registration_service'
import UseChanges from '#usage/services/use_changes'
import { bookingsMadeBy, ownBookingOrFail } from '#usage/services/client_bookings'
import { usageVenueIds } from '#usage/services/usage_scope'
import { placesGiven } from '#usage/services/venue_usage'
import { registrationValidator } from '#usage/validators/registration'
import { registrableTargets } from '#offers/services/registration_targets'
import { organisationNames } from '#registry/services/directory'
import { formatCardCode } from '#registry/services/card_code'
import { refusalMessage, unlessRefused, FieldError } from '#core/services/field_error'

/**
 * A distributor books a place for a client by the card's code: a supported
 * visit, or a group with a community card. The box office's rules and lock
 * apply; the venue's roster shows who booked.
 */
@inject()
export default class ClientBookingsController {
  constructor(
    protected registrations: RegistrationService,
    protected changes: UseChanges
  ) {}

  async index({ auth, view }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    return view.render('pages/usage/client_bookings', {
      bookings: await bookingsMadeBy(actor.organisationId!),
    })
  }

  async create({ request, auth, view }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const venueIds = await usageVenueIds(actor)
    const venueFilter = venueIds.find((id) => id === Number(request.input('venue'))) ?? null
    const targets = await registrableTargets(venueFilter ? [venueFilter] : venueIds, true)
    const now = new Date()
    const shows = [...targets.today, ...targets.coming].filter(
      (occurrence) => occurrence.startsAt.toJSDate() > now
    )
    return view.render('pages/usage/client_booking_form', {
      shows,
      taken: await placesGiven(shows.map((show) => show.id)),
      venues: await organisationNames(venueIds),
      venueFilter,
      code: request.input('code', ''),
      selected: request.input('choice') ?? null,
      submissionKey: randomUUID(),
    })
  }

  async store(ctx: HttpContext) {
    const { request, auth, session, response, i18n } = ctx
    const input = await request.validateUsing(registrationValidator)
    const backTo = urlFor('client_bookings.create', undefined, {
      qs: { venue: Number(request.input('venue')) || undefined },
    })
    const registered = await unlessRefused(ctx, backTo, () =>
      this.registrations.register(input, auth.use('staff').getUserOrFail())
    )
    if (!registered) return
    const { use } = registered
    session.flash(
      'success',
      i18n.t('usage.booking_flash', { code: formatCardCode(use.cardCode), places: use.places })
    )
    return response.redirect().toRoute('client_bookings.index')
  }

  async cancel({ params, auth, session, response, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const use = await ownBookingOrFail(actor.organisationId!, params.id)
    try {
      await this.changes.cancelByBooker(use)
      session.flash('success', i18n.t('usage.booking_cancelled_flash'))
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      session.flash('notice', refusalMessage(i18n, error))
    }
    return response.redirect().toRoute('client_bookings.index')
  }
}
