import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Organisation from '#registry/models/organisation'
import CardEvent from '#registry/models/card_event'

export const CARD_TYPES = ['personal', 'community'] as const
export type CardType = (typeof CARD_TYPES)[number]
export const COMMUNITY_ROLES = ['worker', 'volunteer', 'student', 'partner'] as const
export type CommunityRole = (typeof COMMUNITY_ROLES)[number]
export const CARD_STATUSES = ['active', 'ended', 'withdrawn'] as const
export type CardStatus = (typeof CARD_STATUSES)[number]
export const GENDERS = ['woman', 'man', 'other', 'not_given'] as const
export const LIFE_SITUATIONS = ['employed', 'unemployed', 'student', 'retired', 'other'] as const

export type CardState = 'valid' | 'not_yet_valid' | 'expired' | 'ended' | 'withdrawn'

/** Whether a card with these columns works on a given day, and if not, why. */
export function cardStateOn(
  card: { status: CardStatus; issuedOn: DateTime; validUntil: DateTime },
  day: DateTime
): CardState {
  const date = day.toISODate()!
  if (card.status === 'withdrawn') return 'withdrawn'
  if (card.status === 'ended') return 'ended'
  if (date < card.issuedOn.toISODate()!) return 'not_yet_valid'
  if (date > card.validUntil.toISODate()!) return 'expired'
  return 'valid'
}

/** A Kaikukortti: a code and the holder's background data, never an identity. */
export default class Card extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  /** The old register's id of an imported card (docs/IMPORT.md); null for a card issued here. */
  @column()
  declare sourceId: string | null

  @column()
  declare type: CardType

  @column()
  declare communityRole: CommunityRole | null

  @column()
  declare issuingOrganisationId: number

  @column.date()
  declare issuedOn: DateTime

  @column.date()
  declare validUntil: DateTime

  @column()
  declare status: CardStatus

  @column.date()
  declare endedOn: DateTime | null

  @column()
  declare birthYear: number | null

  @column()
  declare postalCode: string | null

  @column()
  declare childrenCount: number

  @column({
    prepare: (value: string[] | null) => (value && value.length ? value.join(',') : null),
    consume: (value: string | null) => (value ? value.split(',') : []),
  })
  declare motherTongues: string[]

  @column()
  declare gender: (typeof GENDERS)[number] | null

  @column()
  declare lifeSituation: (typeof LIFE_SITUATIONS)[number] | null

  @column.dateTime()
  declare consentGivenAt: DateTime | null

  @column.dateTime()
  declare consentWithdrawnAt: DateTime | null

  @column()
  declare revision: number

  /** When the holder's OmaKaiku account was created; the account itself is not in the registry. */
  @column.dateTime()
  declare omakaikuAccountAt: DateTime | null

  /** Whether the card works on a given day, and if not, why. */
  stateOn(day: DateTime): CardState {
    return cardStateOn(this, day)
  }

  @belongsTo(() => Organisation, { foreignKey: 'issuingOrganisationId' })
  declare issuingOrganisation: BelongsTo<typeof Organisation>

  @hasMany(() => CardEvent)
  declare events: HasMany<typeof CardEvent>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
