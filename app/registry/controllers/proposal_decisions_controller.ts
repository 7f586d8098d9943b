import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import { proposalDecisionValidator } from '#registry/validators/organisation'
import { decideProposal } from '#registry/services/organisation_proposals'
import { unlessRefused } from '#core/services/field_error'

/** The national centre approves or declines a coordinator's proposal (docs/NETWORK.md). */
export default class ProposalDecisionsController {
  async store(ctx: HttpContext) {
    const organisation = await Organisation.findOrFail(ctx.params.id)
    const backTo = urlFor('organisations.show', { id: organisation.id })
    const input = await ctx.request.validateUsing(proposalDecisionValidator)
    const decided = await unlessRefused(ctx, backTo, () =>
      decideProposal(ctx.auth.use('staff').getUserOrFail(), organisation, input)
    )
    if (!decided) return
    ctx.session.flash(
      'success',
      ctx.i18n.t(decided.approval === 'approved' ? 'proposals.approved' : 'proposals.declined')
    )
    return ctx.response.redirect(backTo)
  }
}
