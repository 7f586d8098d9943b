import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Offer from '#offers/models/offer'
import { finnishDayOf } from '#core/services/time'
import { cardPlacesOf } from '#offers/services/restrictions'

export const EXCLUDED_KINDS = ['gala', 'premiere'] as const
export type ExcludedKind = (typeof EXCLUDED_KINDS)[number]

/** One show, course start or event of an offer, with its capacity and card cap. */
export default class Occurrence extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare offerId: number

  @column.dateTime()
  declare startsAt: DateTime

  @column()
  declare capacity: number

  @column()
  declare cardCap: number | null

  @column()
  declare excludedKind: ExcludedKind | null

  @column()
  declare submissionKey: string | null

  /** Card places the show has: its cap, or every seat. */
  get cardPlaces(): number {
    return cardPlacesOf(this)
  }

  /** Saturday or Sunday in Finnish time. */
  get onWeekend(): boolean {
    return finnishDayOf(this.startsAt).weekday >= 6
  }

  /** Added after it had started: a show whose uses are recorded afterwards. */
  get addedAfterwards(): boolean {
    return Boolean(this.createdAt && this.createdAt > this.startsAt)
  }

  @belongsTo(() => Offer)
  declare offer: BelongsTo<typeof Offer>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
