import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One run of a scheduled job: when, how long, and how it ended. */
export default class JobRun extends BaseModel {
  static connection = 'omakaiku'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare job: string

  @column.dateTime()
  declare startedAt: DateTime

  @column()
  declare durationMs: number | null

  @column()
  declare outcome: 'running' | 'ok' | 'failed'

  @column()
  declare detail: string | null
}
