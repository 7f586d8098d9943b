import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { keepFiltersInPageLinks } from '#core/services/pagination'
import Organisation, {
  APPROVAL_STATES,
  DISTRIBUTOR_CATEGORIES,
  ORGANISATION_TYPES,
  VENUE_CATEGORIES,
} from '#registry/models/organisation'
import User from '#registry/models/user'
import OrganisationPolicy from '#registry/policies/organisation_policy'
import {
  organisationFilterValidator,
  organisationValidator,
} from '#registry/validators/organisation'
import {
  scopedAreas,
  scopedMunicipalities,
  scopedOrganisations,
} from '#registry/services/admin_scope'
import { saveOrganisation } from '#registry/services/organisation_service'
import { showContactPhone } from '#registry/services/contact_phone'
import { partnerCardsOf } from '#registry/services/partner_cards'
import { unlessRefused } from '#core/services/field_error'
import { optionsOf, recordOptions } from '#core/services/choice_options'
import { oncePerSubmission } from '#core/services/one_time_form'
import {
  commitmentKindOf,
  joinsMidYear,
  turnOfYearDayOf,
  whereCommitmentMissing,
} from '#registry/services/organisation_proposals'

const PAGE_SIZE = 25

/** Organisations: distributors, venues, ticket agents and partners, in the user's scope. */
export default class OrganisationsController {
  async index({ request, auth, view, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const [filterErrors, filters] = await organisationFilterValidator.tryValidate(request.qs())
    const query = scopedOrganisations(actor).preload('area').preload('municipality').orderBy('name')
    if (filters?.q) query.where('name', 'like', `%${filters.q}%`)
    if (filters?.type) query.where('type', filters.type)
    if (filters?.areaId) query.where('area_id', filters.areaId)
    if (filters?.approval) query.where('approval', filters.approval)
    if (filters?.commitment === 'missing') whereCommitmentMissing(query)
    const page = await query.paginate(filters?.page ?? 1, PAGE_SIZE)
    keepFiltersInPageLinks(page, urlFor('organisations.index'), request.qs())
    return view.render('pages/admin/organisations/index', {
      page,
      filters: request.qs(),
      filterError: Boolean(filterErrors),
      ...(await this.#options(actor, i18n)),
    })
  }

  /** One organisation: its details, and for a partner its community cards and users. */
  async show({ params, auth, view, bouncer }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const organisation = await scopedOrganisations(actor)
      .where('id', params.id)
      .preload('area')
      .preload('municipality')
      .firstOrFail()
    await bouncer.with(OrganisationPolicy).authorize('manage', organisation)
    const isPartner = organisation.type === 'partner'
    const [proposedBy, decidedBy] = await Promise.all([
      organisation.proposedByUserId ? User.find(organisation.proposedByUserId) : null,
      organisation.decidedByUserId ? User.find(organisation.decidedByUserId) : null,
    ])
    return view.render('pages/admin/organisations/show', {
      organisation,
      proposal: {
        proposedBy,
        decidedBy,
        midYear: joinsMidYear(organisation),
        turnOfYearFrom: turnOfYearDayOf(organisation),
        canDecide: actor.role === 'admin' && organisation.approval === 'proposed',
      },
      commitmentKind: commitmentKindOf(organisation.type),
      contactPhone: organisation.contactPhone ? showContactPhone(organisation.contactPhone) : '',
      communityCards: isPartner ? await partnerCardsOf(organisation.id) : [],
      users: await User.query().where('organisation_id', organisation.id).orderBy('full_name'),
    })
  }

  async create({ auth, view, i18n }: HttpContext) {
    return view.render('pages/admin/organisations/form', {
      organisation: null,
      contactPhone: '',
      submissionKey: randomUUID(),
      ...(await this.#options(auth.use('staff').getUserOrFail(), i18n)),
    })
  }

  /** A new organisation: the national centre's is approved at once, a coordinator's is a proposal. */
  async store(ctx: HttpContext) {
    const actor = ctx.auth.use('staff').getUserOrFail()
    const input = await ctx.request.validateUsing(organisationValidator)
    const key = input.submissionKey
    const produced = async () => (key ? Organisation.findBy('submission_key', key) : null)
    const saved = await unlessRefused(ctx, urlFor('organisations.create'), () =>
      oncePerSubmission(produced, () => {
        const organisation = new Organisation()
        organisation.submissionKey = key ?? null
        return saveOrganisation(actor, input, organisation)
      })
    )
    if (!saved) return
    if (saved.approval === 'proposed') {
      ctx.session.flash('success', ctx.i18n.t('proposals.proposal_sent'))
      return ctx.response.redirect().toRoute('organisations.show', { id: saved.id })
    }
    ctx.session.flash('success', ctx.i18n.t('admin.saved'))
    return ctx.response.redirect().toRoute('organisations.index')
  }

  async edit({ params, auth, view, bouncer, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const organisation = await scopedOrganisations(actor).where('id', params.id).firstOrFail()
    await bouncer.with(OrganisationPolicy).authorize('manage', organisation)
    return view.render('pages/admin/organisations/form', {
      organisation,
      contactPhone: organisation.contactPhone ? showContactPhone(organisation.contactPhone) : '',
      ...(await this.#options(actor, i18n)),
    })
  }

  async update(ctx: HttpContext) {
    const organisation = await scopedOrganisations(ctx.auth.use('staff').getUserOrFail())
      .where('id', ctx.params.id)
      .firstOrFail()
    await ctx.bouncer.with(OrganisationPolicy).authorize('manage', organisation)
    return this.#save(ctx, organisation, urlFor('organisations.edit', { id: organisation.id }))
  }

  async #save(ctx: HttpContext, organisation: Organisation, backTo: string) {
    const input = await ctx.request.validateUsing(organisationValidator)
    // A coordinator's declined proposal, saved again, is proposed again.
    const resubmitted = organisation.approval === 'declined'
    const saved = await unlessRefused(ctx, backTo, () =>
      saveOrganisation(ctx.auth.use('staff').getUserOrFail(), input, organisation)
    )
    if (!saved) return
    if (saved.approval === 'proposed' && resubmitted) {
      ctx.session.flash('success', ctx.i18n.t('proposals.proposal_sent'))
      return ctx.response.redirect().toRoute('organisations.show', { id: saved.id })
    }
    ctx.session.flash('success', ctx.i18n.t('admin.saved'))
    return ctx.response.redirect().toRoute('organisations.index')
  }

  async #options(actor: User, i18n: HttpContext['i18n']) {
    const [areas, municipalities] = await Promise.all([
      scopedAreas(actor).orderBy('name'),
      scopedMunicipalities(actor).preload('area').orderBy('name'),
    ])
    return {
      areaOptions: recordOptions(areas, (area) => area.name),
      municipalityOptions: recordOptions(
        municipalities,
        (municipality) =>
          `${municipality.name} (${municipality.area?.name ?? i18n.t('admin.outside_areas')})`
      ),
      typeOptions: optionsOf(i18n, 'admin.organisation_type', ORGANISATION_TYPES),
      venueCategoryOptions: optionsOf(i18n, 'admin.venue_category', VENUE_CATEGORIES),
      approvalOptions: optionsOf(i18n, 'proposals.approval', APPROVAL_STATES),
      distributorCategoryOptions: optionsOf(
        i18n,
        'admin.distributor_category',
        DISTRIBUTOR_CATEGORIES
      ),
    }
  }
}
