import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** SWB (0-10) at issue and extension; the impact statement (0-10) at extension. */
export default class WellbeingAnswer extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cardId: number

  @column()
  declare instrument: 'swb' | 'impact'

  @column()
  declare value: number

  @column()
  declare context: 'issue' | 'extension'

  @column.date()
  declare answeredOn: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
