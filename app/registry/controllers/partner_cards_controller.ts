import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import OrganisationPolicy from '#registry/policies/organisation_policy'
import { scopedOrganisations } from '#registry/services/admin_scope'
import { issuePartnerCard, partnerCardsOf } from '#registry/services/partner_cards'
import { cardCodeImages } from '#registry/services/card_images'
import { partnerCardValidator } from '#registry/validators/partner_card'
import { unlessRefused } from '#core/services/field_error'

/**
 * Community cards of partner organisations: the area coordinator (or the
 * national centre) issues them, the partner's own users see them.
 */
export default class PartnerCardsController {
  /** The partner user's own organisation's community cards, with codes to show at the counter. */
  async index({ auth, view }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    await user.load('organisation')
    const cards = await partnerCardsOf(user.organisationId!)
    const images = await Promise.all(cards.map((card) => cardCodeImages(card.code)))
    return view.render('pages/cards/partner_index', {
      organisation: user.organisation,
      cards: cards.map((card, index) => ({ card, images: images[index] })),
    })
  }

  async create({ params, auth, view, bouncer }: HttpContext) {
    const partner = await this.#partner(params.id, auth.use('staff').getUserOrFail())
    await bouncer.with(OrganisationPolicy).authorize('manage', partner)
    return view.render('pages/cards/partner_new', { partner, submissionKey: randomUUID() })
  }

  async store(ctx: HttpContext) {
    const { params, auth, bouncer, request, session, i18n, response } = ctx
    const actor = auth.use('staff').getUserOrFail()
    const partner = await this.#partner(params.id, actor)
    await bouncer.with(OrganisationPolicy).authorize('manage', partner)
    const input = await request.validateUsing(partnerCardValidator)
    const card = await unlessRefused(ctx, urlFor('partner_cards.create', { id: partner.id }), () =>
      issuePartnerCard(partner, actor, input.submissionKey)
    )
    if (!card) return
    session.flash('success', i18n.t('cards.partner.issued_flash', { name: partner.name }))
    return response.redirect().toRoute('organisations.show', { id: partner.id })
  }

  /** Only a partner organisation in the user's scope gets community cards this way. */
  #partner(id: unknown, actor: Parameters<typeof scopedOrganisations>[0]) {
    return scopedOrganisations(actor).where('id', Number(id)).where('type', 'partner').firstOrFail()
  }
}
