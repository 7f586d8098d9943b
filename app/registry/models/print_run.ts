import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Area from '#registry/models/area'
import Organisation from '#registry/models/organisation'
import type { CardType } from '#registry/models/card'

export const PRINT_LANGUAGES = ['fi', 'sv', 'fi_sv'] as const
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number]
export const PRINT_RUN_STATUSES = ['queued', 'generating', 'ready', 'failed', 'cancelled'] as const
export type PrintRunStatus = (typeof PRINT_RUN_STATUSES)[number]

/** An order of printed cards for an area (or one of its distributors): that many reserved codes. */
export default class PrintRun extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare areaId: number

  @column()
  declare organisationId: number | null

  @column()
  declare cardType: CardType

  @column()
  declare language: PrintLanguage

  @column()
  declare quantity: number

  @column()
  declare status: PrintRunStatus

  @column()
  declare codesDone: number

  @column()
  declare orderedByUserId: number | null

  @column()
  declare submissionKey: string | null

  @column.dateTime()
  declare readyAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Area)
  declare area: BelongsTo<typeof Area>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>
}
