import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'

/** A genre or, with a parent, a sub-genre (music → jazz). Named in every UI language. */
export default class Genre extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare parentId: number | null

  @column()
  declare key: string

  @column()
  declare nameFi: string

  @column()
  declare nameSv: string

  @column()
  declare nameEn: string

  @column()
  declare position: number

  @column({ consume: Boolean })
  declare active: boolean

  @belongsTo(() => Genre, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Genre>

  @hasMany(() => Genre, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Genre>

  /** The name in a UI language (fi, sv or en), Finnish when unsure. */
  nameIn(locale: string): string {
    if (locale === 'sv') return this.nameSv
    if (locale === 'en') return this.nameEn
    return this.nameFi
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
