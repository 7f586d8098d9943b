import { DateTime } from 'luxon'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import networkConfig from '#config/network'
import Organisation, { type OrganisationType } from '#registry/models/organisation'
import type User from '#registry/models/user'
import { FieldError } from '#core/services/field_error'
import { ZONE, toSqlDateTime, today, finnishDayOf } from '#core/services/time'
import { scopedOrganisations } from '#registry/services/admin_scope'
import { rowsChanged } from '#core/services/rows_changed'

/*
| Organisations' life cycle (docs/NETWORK.md). An area coordinator proposes a
| new organisation; the national centre approves it, or declines it with a
| reason the coordinator sees. The national centre's own organisations are
| approved at once. Until approved (and when declined) the organisation is
| not in the network (organisation_standing.ts): its users cannot sign in and
| its offers are not public. A partner proposed before the day of the year in
| config/network.ts joins mid-year and needs the national centre's explicit yes.
*/

/** The commitment an organisation signs, by its type; a ticket agent signs none. */
export type CommitmentKind = 'cooperation' | 'partnership'

export function commitmentKindOf(type: OrganisationType): CommitmentKind | null {
  if (type === 'distributor' || type === 'venue') return 'cooperation'
  if (type === 'partner') return 'partnership'
  return null
}

const COMMITTING_TYPES: OrganisationType[] = ['distributor', 'venue', 'partner']

/** The day of `year` from which a partner proposal is for the next turn of the year. */
export function turnOfYearProposalsFrom(year: number) {
  const { month, day } = networkConfig.partnerProposalsForNextYearFrom
  return DateTime.fromObject({ year, month, day }, { zone: ZONE })
}

/** The turn-of-year day of the year a proposal was made in (null for none). */
export function turnOfYearDayOf(organisation: { proposedAt: DateTime | null }) {
  return organisation.proposedAt
    ? turnOfYearProposalsFrom(organisation.proposedAt.setZone(ZONE).year)
    : null
}

/** Whether a partner proposal was made mid-year, so that it needs an explicit yes. */
export function joinsMidYear(organisation: { type: string; proposedAt: DateTime | null }) {
  if (organisation.type !== 'partner' || organisation.proposedAt === null) return false
  const proposedOn = finnishDayOf(organisation.proposedAt)
  return proposedOn < turnOfYearProposalsFrom(proposedOn.year)
}

/**
 * Sets where a saved organisation stands: one the national centre makes is
 * approved at once, one a coordinator makes is a proposal. A coordinator
 * who saves a declined proposal again proposes it again.
 */
export function stampProposal(actor: User, organisation: Organisation) {
  const now = DateTime.now()
  if (!organisation.$isPersisted && actor.role === 'admin') {
    organisation.merge({ approval: 'approved', decidedAt: now, decidedByUserId: actor.id })
  } else if (
    actor.role !== 'admin' &&
    (!organisation.$isPersisted || organisation.approval === 'declined')
  ) {
    organisation.merge({
      approval: 'proposed',
      proposedAt: now,
      proposedByUserId: actor.id,
      decidedAt: null,
      decidedByUserId: null,
      declineReason: null,
      midYearConfirmed: false,
    })
  }
}

export type CommitmentInput = {
  /** The day the commitment was signed. */
  commitmentSignedOn?: DateTime
  commitmentVersion?: string
}

/** The commitment's day and version; a ticket agent signs none. */
export function applyCommitment(organisation: Organisation, input: CommitmentInput) {
  const signs = commitmentKindOf(organisation.type) !== null
  organisation.merge({
    commitmentSignedOn: signs ? (input.commitmentSignedOn ?? null) : null,
    commitmentVersion: signs ? input.commitmentVersion || null : null,
  })
}

export type DecisionInput = {
  decision: 'approve' | 'decline'
  reason?: string
  midYearConfirmed?: boolean
}

/**
 * The national centre's decision on a proposal. Only a proposal still
 * waiting can be decided, checked in the same update that decides it: a
 * double submit, or a form opened before another decision, changes nothing
 * and is told what the proposal's state is.
 */
export async function decideProposal(
  actor: User,
  organisation: Organisation,
  input: DecisionInput
) {
  if (organisation.approval !== 'proposed') {
    throw new FieldError('form', `proposals.errors.already_${organisation.approval}`)
  }
  const approve = input.decision === 'approve'
  const midYear = joinsMidYear(organisation)
  if (approve && midYear && !input.midYearConfirmed) {
    throw new FieldError('midYearConfirmed', 'proposals.errors.mid_year_needs_yes')
  }
  const now = DateTime.now()
  const updated = await Organisation.query()
    .where('id', organisation.id)
    .where('approval', 'proposed')
    .update({
      approval: approve ? 'approved' : 'declined',
      decided_at: toSqlDateTime(now),
      decided_by_user_id: actor.id,
      decline_reason: approve ? null : input.reason!,
      mid_year_confirmed: approve && midYear,
      updated_at: toSqlDateTime(now),
    })
  if (rowsChanged(updated) !== 1) {
    await organisation.refresh()
    throw new FieldError('form', `proposals.errors.already_${organisation.approval}`)
  }
  await organisation.refresh()
  return organisation
}

/** Organisations of a list that should have signed a commitment and have not: in use or proposed, not declined nor ended. */
export function whereCommitmentMissing(query: ModelQueryBuilderContract<typeof Organisation>) {
  return query
    .whereIn('type', COMMITTING_TYPES)
    .whereIn('approval', ['proposed', 'approved'])
    .where('active', true)
    .where((end) => end.whereNull('ends_on').orWhere('ends_on', '>=', today().toISODate()!))
    .whereNull('commitment_signed_on')
}

async function countOf(query: ModelQueryBuilderContract<typeof Organisation>) {
  const [row] = await query.count('* as total')
  return Number(row.$extras.total)
}

/** What waits for the actor in the network: proposals, declined proposals (a coordinator's), missing commitments. */
export async function networkTasks(actor: User) {
  const [proposed, declined, missingCommitments] = await Promise.all([
    countOf(scopedOrganisations(actor).where('approval', 'proposed')),
    actor.role === 'admin'
      ? Promise.resolve(0)
      : countOf(scopedOrganisations(actor).where('approval', 'declined')),
    countOf(whereCommitmentMissing(scopedOrganisations(actor))),
  ])
  return { proposed, declined, missingCommitments }
}
