import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { AnswerContext, InstrumentId } from '#surveys/services/instruments'

/** One card's answer to one validated instrument on one occasion; its items are in `wellbeing_items`. */
export default class WellbeingResponse extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cardId: number

  @column()
  declare instrument: InstrumentId

  @column()
  declare context: AnswerContext

  @column.date()
  declare answeredOn: DateTime

  @column()
  declare rawScore: number

  /** Card, instrument and card period of an OmaKaiku answer: a second one fails on it. */
  @column()
  declare onceKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
