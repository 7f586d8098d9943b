import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A reply in a post's thread, from a staff user of an organisation. A private
 * reply is seen only by its writer and the person it is for (`privateToUserId`).
 */
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

  /** The language the author wrote in: their interface language when they wrote. */
  @column()
  declare language: 'fi' | 'sv' | 'en'

  @column()
  declare submissionKey: string

  @column({ consume: Boolean })
  declare private: boolean

  @column()
  declare privateToUserId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
