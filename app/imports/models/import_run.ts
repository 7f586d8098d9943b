import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { ImportKindName } from '#core/services/import_kind'

export const IMPORT_RUN_STATUSES = ['queued', 'running', 'done', 'refused', 'failed'] as const
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number]

const json = {
  prepare: (value: unknown) =>
    value === null || value === undefined ? null : JSON.stringify(value),
  consume: (value: string | null) => (value ? JSON.parse(value) : null),
}

/** One file checked (a dry run) or imported, with its counts and progress. */
export default class ImportRun extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: ImportKindName

  // SQLite answers 0 or 1.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare dryRun: boolean

  @column()
  declare uploadedAs: string

  @column()
  declare storedFile: string | null

  @column()
  declare status: ImportRunStatus

  @column()
  declare rowsTotal: number | null

  @column()
  declare rowsDone: number

  @column()
  declare added: number

  @column()
  declare updated: number

  @column()
  declare skipped: number

  @column()
  declare refused: number

  @column()
  declare fileProblem: string | null

  @column(json)
  declare fileProblemParams: Record<string, string | number> | null

  @column()
  declare checkedRunId: number | null

  @column()
  declare userId: number | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get working() {
    return this.status === 'queued' || this.status === 'running'
  }

  /** A dry run that found nothing wrong: its file may be imported. */
  get importable() {
    return this.dryRun && this.status === 'done' && this.storedFile !== null
  }
}
