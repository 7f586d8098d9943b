import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A holder's stars for an event they attended: one per use, shown to venues only as averages. */
export default class UseFeedback extends BaseModel {
  static connection = 'registry'
  static table = 'use_feedback'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare useId: number

  @column()
  declare offerId: number

  @column()
  declare accessibility: number

  @column()
  declare meaning: number

  @column()
  declare interest: number

  @column({ consume: (value: unknown) => Boolean(value) })
  declare meaningful: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
