import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import PostReply from '#bulletin/models/post_reply'

export const AUDIENCES = [
  'national',
  'national_status',
  'area',
  'area_distributors',
  'area_venues',
  'organisation',
  'user',
  'national_centre',
] as const
export type Audience = (typeof AUDIENCES)[number]

export const SENDER_TYPES = [
  'national',
  'area',
  'venue',
  'distributor',
  'ticket_agent',
  'partner',
] as const
export type SenderType = (typeof SENDER_TYPES)[number]

/** The languages a post or reply may be written in. */
export const POST_LANGUAGES = ['fi', 'sv', 'en'] as const
export type PostLanguage = (typeof POST_LANGUAGES)[number]

/** A message or an announcement on the bulletin board, to one audience. */
export default class Post extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare authorUserId: number | null

  @column()
  declare authorOrganisationId: number | null

  @column()
  declare senderType: SenderType

  @column()
  declare kind: 'message' | 'announcement'

  @column()
  declare audience: Audience

  @column()
  declare audienceAreaId: number | null

  @column()
  declare audienceAreaStatus: string | null

  @column()
  declare audienceOrganisationId: number | null

  @column()
  declare audienceUserId: number | null

  @column()
  declare title: string

  @column()
  declare body: string

  /** The language the author wrote the title and body in (their interface language unless chosen). */
  @column()
  declare language: PostLanguage

  @column.date()
  declare expiresOn: DateTime | null

  @column({ consume: Boolean })
  declare pinned: boolean

  @column()
  declare offerId: number | null

  @column.dateTime()
  declare withdrawnAt: DateTime | null

  @column.dateTime()
  declare lastActivityAt: DateTime

  @column()
  declare activity: number

  @column()
  declare submissionKey: string

  @hasMany(() => PostReply)
  declare replies: HasMany<typeof PostReply>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
