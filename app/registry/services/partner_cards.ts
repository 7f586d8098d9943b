import db from '@adonisjs/lucid/services/db'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import type Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import CardService from '#registry/services/card_service'
import { FieldError } from '#core/services/field_error'
import { newFreeCode } from '#registry/services/printed_codes'
import { validUntilFor } from '#registry/services/card_validity'
import { today } from '#core/services/time'
import { oncePerSubmission } from '#core/services/one_time_form'
import { inNetwork } from '#registry/services/organisation_standing'

/**
 * Community cards of partner organisations ("kumppaniorganisaatio"): the
 * area coordinator hands one to a partner that does not distribute cards but
 * takes cardholders to events in small groups. The card is the partner's
 * (its issuing organisation, with the community role `partner`); it holds no
 * background data, as it describes no person, and the history names the
 * coordinator who issued it.
 */
export async function issuePartnerCard(
  partner: Organisation,
  actor: User,
  submissionKey: string
): Promise<Card> {
  return oncePerSubmission(
    () => new CardService().findSubmitted(submissionKey),
    async () => {
      // Only a partner in the network (approved, in use, not ended) gets community cards.
      await partner.refresh()
      if (!inNetwork(partner)) throw new FieldError('form', 'cards.partner.not_in_network')
      await partner.load('area')
      const issuedOn = today()
      const validUntil = validUntilFor(issuedOn, partner.area ?? null)
      if (!validUntil) throw new FieldError('form', 'cards.partner.pilot_ended')

      return db.connection('registry').transaction(async (trx) => {
        const card = await Card.create(
          {
            code: await newFreeCode(trx),
            type: 'community',
            communityRole: 'partner',
            issuingOrganisationId: partner.id,
            issuedOn,
            validUntil,
            status: 'active',
            childrenCount: 0,
            motherTongues: [],
            revision: 1,
          },
          { client: trx }
        )
        await CardEvent.create(
          {
            cardId: card.id,
            kind: 'issued',
            userId: actor.id,
            organisationId: actor.organisationId,
            validUntilBefore: null,
            validUntilAfter: validUntil,
            submissionKey,
          },
          { client: trx }
        )
        return card
      })
    }
  )
}

/** A partner organisation's community cards, newest first. */
export function partnerCardsOf(organisationId: number) {
  return Card.query()
    .where('issuing_organisation_id', organisationId)
    .where('type', 'community')
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
}
