import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Card from '#registry/models/card'
import ReplacedCode from '#registry/models/replaced_code'
import CardPolicy from '#registry/policies/card_policy'
import CardService from '#registry/services/card_service'
import { unlessRefused } from '#core/services/field_error'
import { cardListFilterValidator, issueCardValidator } from '#registry/validators/card'
import { findCards } from '#registry/services/card_search'
import { cardCodeImages } from '#registry/services/card_images'
import { cardFormOptions } from '#registry/services/card_form_options'
import { cardWellbeing } from '#registry/services/wellbeing_port'
import { hasPrintedCards } from '#registry/services/printed_card_check'
import { checkCodeField, issuerOf, refuseOrConfirmCode } from '#registry/services/code_field'
import { assertPostalCodeInArea, residenceFor } from '#registry/services/residence'
import { publicAddress } from '#core/services/public_address'

@inject()
export default class CardsController {
  constructor(protected cards: CardService) {}

  /** The organisation's cards: search by code, filters, pages. htmx gets the results fragment. */
  async index({ request, auth, view, i18n }: HttpContext) {
    const [errors, filters] = await cardListFilterValidator.tryValidate(request.qs(), {
      messagesProvider: i18n.createMessagesProvider(),
    })
    const result = await findCards(
      auth.use('staff').getUserOrFail().organisationId!,
      filters ?? {},
      request.qs()
    )
    const data = { ...result, filters: request.qs(), filterErrors: errors?.messages ?? [] }
    if (request.header('hx-request') && request.header('hx-target') === 'card-results') {
      return view.render('pages/cards/_results', data)
    }
    return view.render('pages/cards/index', data)
  }

  async create({ view, bouncer, i18n, auth }: HttpContext) {
    await bouncer.with(CardPolicy).authorize('issue')
    const actor = auth.use('staff').getUserOrFail()
    return view.render('pages/cards/new', {
      // Only the page as it opens takes focus to its first field, never a fragment htmx swaps in.
      autofocusFirst: true,
      submissionKey: randomUUID(),
      // An area with printed cards starts with them; elsewhere a new code is the usual way.
      codeSource: (await hasPrintedCards(await issuerOf(actor))) ? 'printed' : 'new',
      ...cardFormOptions(i18n),
      residence: await residenceFor(actor.organisationId!),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(CardPolicy).authorize('issue')
    // "Check the code" (or Enter in the code field without JavaScript): only the code is checked.
    if (ctx.request.input('checkCode')) {
      return refuseOrConfirmCode(ctx, urlFor('cards.create'), ctx.request.input('type') ?? null)
    }
    const input = await ctx.request.validateUsing(issueCardValidator)
    const actor = ctx.auth.use('staff').getUserOrFail()
    const card = await unlessRefused(ctx, urlFor('cards.create'), async () => {
      await assertPostalCodeInArea(
        actor.organisationId!,
        input.postalCode,
        input.postalCodeConfirmed
      )
      return this.cards.issue(input, actor)
    })
    if (!card) return
    ctx.session.flash('success', ctx.i18n.t('cards.issued_flash'))
    return ctx.response.redirect().toRoute('cards.show', { id: card.id })
  }

  /**
   * Inline validation (htmx): checks the whole form as it stands and answers
   * with the page, from which htmx takes the one field that changed.
   */
  async checkField(ctx: HttpContext) {
    const { request, view, i18n, auth } = ctx
    const field = request.header('hx-trigger-name') ?? ''
    if (field === 'code') {
      view.share({ formState: await checkCodeField(ctx, request.input('type') ?? null) })
    } else {
      const [error] = await issueCardValidator.tryValidate(request.all(), {
        messagesProvider: i18n.createMessagesProvider(),
      })
      const message = error?.messages.find(
        (problem: { field: string }) => problem.field === field
      )?.message
      view.share({
        formState: { errors: message ? { [field]: [message] } : {}, input: request.all() },
      })
    }
    return view.render('pages/cards/new', {
      autofocusFirst: false,
      submissionKey: request.input('submissionKey'),
      codeSource: request.input('codeSource'),
      ...cardFormOptions(i18n),
      residence: await residenceFor(auth.use('staff').getUserOrFail().organisationId!),
    })
  }

  async show({ params, view, bouncer }: HttpContext) {
    const card = await Card.query()
      .where('id', params.id)
      .preload('events', (events) => events.preload('user').orderBy('id', 'desc'))
      .firstOrFail()
    await bouncer.with(CardPolicy).authorize('view', card)
    return view.render('pages/cards/show', {
      card,
      previousCodes: await ReplacedCode.query().where('card_id', card.id).orderBy('replaced_at'),
      wellbeingAnswers: await cardWellbeing().answersOf(card.id, { deskOnly: true }),
    })
  }

  async print({ params, view, bouncer }: HttpContext) {
    const card = await Card.findOrFail(params.id)
    await bouncer.with(CardPolicy).authorize('view', card)
    return view.render('pages/cards/print', {
      card,
      images: await cardCodeImages(card.code),
      offersAddress: publicAddress(urlFor('public_offers.index')),
    })
  }
}
