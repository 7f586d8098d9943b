import { DateTime } from 'luxon'
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

  @column()
  declare status: AreaStatus

  @column.date()
  declare pilotEndsOn: DateTime | null

  @hasMany(() => Municipality)
  declare municipalities: HasMany<typeof Municipality>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
