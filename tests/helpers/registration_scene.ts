import type { ApiClient } from '@japa/api-client'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import type Card from '#registry/models/card'
import type Offer from '#offers/models/offer'
import type Occurrence from '#offers/models/occurrence'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'

/* The scene of the box-office tests: a venue, its show, a card, and the form's post. */
export type Scene = {
  venueUser: User
  venue: Organisation
  offer: Offer
  occurrence: Occurrence
  card: Card
  distributor: User
}

/** A venue with one show three days ahead, and a valid personal card with one child. */
export async function scene(
  offer: Partial<Offer> = {},
  occurrence: Parameters<typeof createOccurrence>[1] = {}
): Promise<Scene> {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const createdOffer = await createOffer(venue, offer)
  const createdOccurrence = await createOccurrence(createdOffer, occurrence)
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor, { childrenCount: 1 })
  return {
    venueUser,
    venue,
    offer: createdOffer,
    occurrence: createdOccurrence,
    card,
    distributor,
  }
}

export const show = (occurrence: Occurrence) => `occurrence-${occurrence.id}`

export function register(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client.post(urlFor('registrations.store')).form(form).withCsrfToken().loginAs(user)
}

/** The show chosen on the registration form: the value of the checked radio button. */
export function chosenShow(html: string) {
  return /<input [^>]*name="choice"[^>]*value="([^"]+)"[^>]*\bchecked\b/.exec(html)?.[1] ?? null
}

/** The shows the registration form offers as radio buttons, in order. */
export function radioShows(html: string) {
  return [...html.matchAll(/<input [^>]*type="radio" name="choice"[^>]*value="([^"]+)"/g)].map(
    (match) => match[1]
  )
}

/**
 * The box office's answer to a refused card: the page's answer about the card
 * (not the form's error summary), with the code it was about.
 */
export function cardRefusalIn(html: string) {
  const match =
    /<div class="notice notice--refusal" role="alert" data-card-refusal>([\s\S]*?)<\/div>/.exec(
      html
    )
  return match && !html.includes('data-error-summary') ? match[1] : null
}
