import Organisation from '#registry/models/organisation'
import Municipality from '#registry/models/municipality'
import { FieldError } from '#core/services/field_error'
import { postalCodesOf } from '#registry/services/area_postal_codes'

/**
 * What the card form says of residence: a card is for residents of the
 * issuing organisation's area's municipalities, and, if the area's postal
 * codes are given, which they are.
 */
export async function residenceFor(organisationId: number) {
  const organisation = await Organisation.findOrFail(organisationId)
  if (organisation.areaId === null) return { municipalities: [], postalCodes: [] }
  const municipalities = await Municipality.query()
    .where('area_id', organisation.areaId)
    .orderBy('name')
  return {
    municipalities: municipalities.map((municipality) => municipality.name),
    postalCodes: await postalCodesOf(organisation.areaId),
  }
}

/**
 * A postal code outside the area's given postal codes needs a second
 * confirmation: the form comes back asking, and the distributor confirms
 * this very code (`confirmedPostalCode`). No codes given: no question.
 */
export async function assertPostalCodeInArea(
  organisationId: number,
  postalCode: string,
  confirmedPostalCode?: string
) {
  const { postalCodes } = await residenceFor(organisationId)
  if (!postalCodes.length || postalCodes.includes(postalCode)) return
  if (confirmedPostalCode === postalCode) return
  throw new FieldError('postalCodeConfirmed', 'cards.residence.outside_postal_codes', {
    postalCode,
  })
}
