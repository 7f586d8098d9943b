import type { I18n } from '@adonisjs/i18n'
import { POST_LANGUAGES, type Audience } from '#bulletin/models/post'
import type { StaffMember } from '#core/roles'
import { optionsOf } from '#core/services/choice_options'
import { onlyWhenHints, type DependentFields } from '#core/services/dependent_fields'
import { areaChoices, organisationsInAreas, placeOf, staffIn } from '#registry/services/directory'
import { publishedOffersOf } from '#offers/services/offer_catalogue'

export const AREA_STATUSES_FOR_AUDIENCE = ['in_use', 'pilot', 'coming'] as const

/** The post form's fields that only some audiences need: shown, and validated, only for them. */
export const AUDIENCE_FIELDS = {
  areaId: ['area', 'area_distributors', 'area_venues'],
  areaStatus: ['national_status'],
  organisationId: ['organisation'],
  userId: ['user'],
} as const satisfies DependentFields<'areaId' | 'areaStatus' | 'organisationId' | 'userId'>

/**
 * The audiences a staff member may address, as the post form offers them.
 * Everyone but the national centre may write to it; a user whose organisation
 * belongs to no area (a pop-up venue) only to it.
 */
export function audiencesFor(member: StaffMember, hasArea: boolean): Audience[] {
  const local: Audience[] = ['area', 'area_distributors', 'area_venues', 'organisation', 'user']
  if (member.role === 'admin') return ['national', 'national_status', ...local]
  return hasArea ? [...local, 'national_centre'] : ['national_centre']
}

/** Everything the post form lists, within the author's scope. */
export async function postFormOptions(member: StaffMember, i18n: I18n) {
  const isAdmin = member.role === 'admin'
  const place = await placeOf(member)
  const areas = isAdmin ? await areaChoices(i18n.locale) : []
  const areaIds = isAdmin ? areas.map((a) => a.id) : place.areaId ? [place.areaId] : []
  const organisations = await organisationsInAreas(areaIds)
  const users =
    isAdmin || place.areaId
      ? await staffIn(isAdmin ? { kind: 'everyone' } : { kind: 'area', areaId: place.areaId! })
      : []
  const offers =
    member.role === 'venue' && member.organisationId
      ? await publishedOffersOf(member.organisationId)
      : []
  const hasArea = isAdmin || place.areaId !== null
  const audiences = audiencesFor(member, hasArea)
  const hints = [
    hasArea ? i18n.t('bulletin.audience_hint') : null,
    audiences.includes('national_centre') ? i18n.t('bulletin.national_centre_hint') : null,
  ]
  const audienceOptions = optionsOf(i18n, 'bulletin.audience', audiences)
  return {
    audienceOptions,
    defaultAudience: hasArea ? 'area' : 'national_centre',
    audienceFields: AUDIENCE_FIELDS,
    onlyWhen: onlyWhenHints(
      i18n,
      AUDIENCE_FIELDS,
      i18n.t('bulletin.audience_legend'),
      audienceOptions
    ),
    audienceHint: hints.filter(Boolean).join(' '),
    areaOptions: areas.map((a) => ({ value: a.id, label: a.name })),
    areaStatusOptions: optionsOf(i18n, 'bulletin.area_status', AREA_STATUSES_FOR_AUDIENCE),
    languageOptions: optionsOf(i18n, 'bulletin.language', POST_LANGUAGES),
    organisationOptions: organisations
      .sort((a, b) => a.name.localeCompare(b.name, 'fi'))
      .map((o) => ({ value: o.id, label: o.name })),
    userOptions: users
      .filter((u) => u.id !== member.id)
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'fi'))
      .map((u) => ({ value: u.id, label: u.fullName })),
    offerOptions: offers.map((o) => ({ value: o.id, label: o.title })),
    canAnnounce: ['admin', 'area_coordinator'].includes(member.role),
    hasArea,
  }
}
