import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A reply in a post's thread, from a staff user of an organisation. */
export default class PostReply extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare postId: number

  @column()
  declare authorUserId: number | null

  @column()
  declare authorOrganisationId: number | null

  @column()
  declare body: string

  @column()
  declare submissionKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
