import { DateTime } from 'luxon'
import { placeName } from '#registry/services/place_names'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Municipality from '#registry/models/municipality'

export const AREA_STATUSES = ['in_use', 'pilot', 'coming'] as const
export type AreaStatus = (typeof AREA_STATUSES)[number]

export default class Area extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  /** The Swedish name (Österbotten); null: the Finnish name serves in Swedish too. */
  @column()
  declare nameSv: string | null

  @column()
  declare status: AreaStatus

  @column.date()
  declare pilotEndsOn: DateTime | null

  @hasMany(() => Municipality)
  declare municipalities: HasMany<typeof Municipality>

  /** The name in the page language: Swedish in the Swedish interface when there is one. */
  nameIn(locale: string): string {
    return placeName(this, locale)
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
