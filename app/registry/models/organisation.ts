import { DateTime } from 'luxon'
import { BaseModel, beforeCreate, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Area from '#registry/models/area'
import Municipality from '#registry/models/municipality'

export const ORGANISATION_TYPES = ['distributor', 'venue', 'ticket_agent', 'partner'] as const
export type OrganisationType = (typeof ORGANISATION_TYPES)[number]

export const VENUE_CATEGORIES = [
  'museum',
  'theatre',
  'concert_hall',
  'cinema',
  'festival',
  'adult_education',
  'library',
  'swimming_hall',
  'gym',
  'sport_club',
  'nature_site',
  'other',
] as const
export type VenueCategory = (typeof VENUE_CATEGORIES)[number]

/** Where an organisation's proposal stands (docs/NETWORK.md); only an approved one is in the network. */
export const APPROVAL_STATES = ['proposed', 'approved', 'declined'] as const
export type ApprovalState = (typeof APPROVAL_STATES)[number]
/*
| The kinds of distributor, from the introduction slides' list of services
| whose clients may get a card, and the third sector the operating model
| requires in every area's network ("Edellytämme, että mukana on 3. sektorin
| toimija/toimijoita").
*/
export const DISTRIBUTOR_CATEGORIES = [
  'outreach_youth_work',
  'outreach_senior_work',
  'social_services',
  'family_services',
  'health_services',
  'mental_health_substance',
  'disability_services',
  'immigrant_services',
  'employment_services',
  'debt_counselling',
  'ngo',
  'parish',
  'education',
  'other',
] as const
export type DistributorCategory = (typeof DISTRIBUTOR_CATEGORIES)[number]

/** The categories that make a distributor a third-sector one (NGO, association, parish). */
export const THIRD_SECTOR_CATEGORIES: readonly DistributorCategory[] = ['ngo', 'parish']

export default class Organisation extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare type: OrganisationType

  @column()
  declare areaId: number | null

  @column()
  declare municipalityId: number | null

  @column()
  declare venueCategory: VenueCategory | null

  /** A distributor's kind; null for other types, and for a distributor nobody has classified yet. */
  @column()
  declare distributorCategory: DistributorCategory | null

  @column()
  declare active: boolean

  /** The last day the organisation takes part (organisation_standing.ts); null while it continues. */
  @column.date()
  declare endsOn: DateTime | null

  /** The old register's id of an imported organisation; null for one made here. */
  @column()
  declare sourceId: string | null

  /** The Kaikukortti contact person (staff data): name, phone in E.164, e-mail. */
  @column()
  declare contactName: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare contactEmail: string | null

  /** Public links the network directory shows: the website and the accessibility information page. */
  @column()
  declare websiteUrl: string | null

  @column()
  declare accessibilityUrl: string | null
  /* Life cycle and commitment (docs/NETWORK.md, organisation_proposals.ts). */

  @column()
  declare approval: ApprovalState

  @column.dateTime()
  declare proposedAt: DateTime | null

  @column()
  declare proposedByUserId: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare decidedByUserId: number | null

  /** Why the national centre declined the proposal; shown to the coordinator. */
  @column()
  declare declineReason: string | null

  /** The national centre's explicit yes to a partner joining mid-year. */
  @column()
  declare midYearConfirmed: boolean

  /** The proposal form's one-time key. */
  @column()
  declare submissionKey: string | null

  /** The cooperation or partnership commitment (by type): the day signed and its version. */
  @column.date()
  declare commitmentSignedOn: DateTime | null

  @column()
  declare commitmentVersion: string | null

  /** As the column's default: an organisation made without a proposal (seeds, imports) is approved. */
  @beforeCreate()
  static approvedUnlessProposed(organisation: Organisation) {
    organisation.approval ??= 'approved'
  }

  @belongsTo(() => Area)
  declare area: BelongsTo<typeof Area>

  @belongsTo(() => Municipality)
  declare municipality: BelongsTo<typeof Municipality>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
