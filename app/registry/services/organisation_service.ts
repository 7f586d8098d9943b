import Municipality from '#registry/models/municipality'
import Organisation, {
  type DistributorCategory,
  type OrganisationType,
  type VenueCategory,
} from '#registry/models/organisation'
import type User from '#registry/models/user'
import { FieldError } from '#core/services/field_error'
import { formDay } from '#core/services/time'
import { applyCommitment, stampProposal } from '#registry/services/organisation_proposals'
import { distributorCategoryOf } from '#registry/services/network_coverage'

export type OrganisationInput = {
  name: string
  type: OrganisationType
  areaId?: number
  municipalityId?: number
  venueCategory?: VenueCategory
  distributorCategory?: DistributorCategory
  active?: boolean
  /** The last day it takes part, if it does not continue. */
  endsOn?: Date
  contactName?: string
  /** E.164 (the validator normalises it). */
  contactPhone?: string
  contactEmail?: string
  /** Public http(s) addresses the network directory links to. */
  websiteUrl?: string
  accessibilityUrl?: string
  /** The commitment: the day signed and its version (organisation_proposals.ts). */
  commitmentSignedOn?: Date
  commitmentVersion?: string
}

/**
 * Creates or updates an organisation within the actor's scope. A coordinator's
 * organisations are always in their own area; the national centre may leave
 * the area empty for a pop-up venue. The municipality must be in the area.
 * A coordinator's new organisation is a proposal for the national centre.
 */
export async function saveOrganisation(
  actor: User,
  input: OrganisationInput,
  organisation = new Organisation()
) {
  const areaId = actor.role === 'admin' ? (input.areaId ?? null) : actor.areaId
  if (actor.role !== 'admin' && input.areaId !== undefined && input.areaId !== actor.areaId) {
    throw new FieldError('areaId', 'admin.errors.area_outside_scope')
  }
  if (input.municipalityId !== undefined) {
    const municipality = await Municipality.find(input.municipalityId)
    if (!municipality || municipality.areaId !== areaId) {
      throw new FieldError('municipalityId', 'admin.errors.municipality_not_in_area')
    }
  }
  const distributorCategory = distributorCategoryOf(input, organisation)

  organisation.merge({
    name: input.name,
    type: input.type,
    areaId,
    municipalityId: input.municipalityId ?? null,
    venueCategory: input.type === 'venue' ? (input.venueCategory ?? null) : null,
    distributorCategory,
    active: input.active === true,
    endsOn: input.endsOn ? formDay(input.endsOn) : null,
    contactName: input.contactName || null,
    contactPhone: input.contactPhone || null,
    contactEmail: input.contactEmail || null,
  })
  organisation.merge({
    websiteUrl: input.websiteUrl || null,
    accessibilityUrl: input.accessibilityUrl || null,
  })
  applyCommitment(organisation, {
    commitmentSignedOn: input.commitmentSignedOn ? formDay(input.commitmentSignedOn) : undefined,
    commitmentVersion: input.commitmentVersion,
  })
  stampProposal(actor, organisation)
  return organisation.save()
}
