import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A lost card's old code: the card moved to a new code, and this one answers "replaced". */
export default class ReplacedCode extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare oldCode: string

  @column()
  declare cardId: number

  @column.dateTime()
  declare replacedAt: DateTime
}
