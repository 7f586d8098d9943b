import { DateTime } from 'luxon'
import { placeName } from '#registry/services/place_names'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Area, { type AreaStatus } from '#registry/models/area'

export default class Municipality extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  /** Null for a municipality outside every Kaikukortti area (the national list). */
  @column()
  declare areaId: number | null

  @column()
  declare name: string

  @column()
  declare nameSv: string | null

  /** Statistics Finland's code, e.g. 091; null for a place outside Finland's list. */
  @column()
  declare code: string | null

  /** The municipality's status in its area; null outside every area. */
  @column()
  declare status: AreaStatus | null

  @belongsTo(() => Area)
  declare area: BelongsTo<typeof Area>

  /** The name in the page language: Swedish in the Swedish interface when there is one. */
  nameIn(locale: string): string {
    return placeName(this, locale)
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
