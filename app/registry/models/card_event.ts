import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#registry/models/user'

export const CARD_EVENT_KINDS = [
  'issued',
  'extended',
  'ended',
  'withdrawn',
  'consent_withdrawn',
  'corrected',
  'replaced',
] as const
export type CardEventKind = (typeof CARD_EVENT_KINDS)[number]

/** One entry in a card's history: who did what, and when. */
export default class CardEvent extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cardId: number

  @column()
  declare kind: CardEventKind

  @column()
  declare userId: number | null

  @column()
  declare organisationId: number | null

  @column.date()
  declare validUntilBefore: DateTime | null

  @column.date()
  declare validUntilAfter: DateTime | null

  @column()
  declare submissionKey: string | null

  /** A correction: the names of the fields changed (never their values). */
  @column({
    prepare: (fields: string[] | null) => (fields?.length ? fields.join(',') : null),
    consume: (value: string | null) => (value ? value.split(',') : null),
  })
  declare changedFields: string[] | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
