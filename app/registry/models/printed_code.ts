import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import PrintRun from '#registry/models/print_run'

/** A code reserved by a print run; it becomes a card when a distributor registers it. */
export default class PrintedCode extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare printRunId: number

  @belongsTo(() => PrintRun)
  declare printRun: BelongsTo<typeof PrintRun>
}
