import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { Locale } from '#config/i18n'
import type { MessageKind } from '#messaging/message_kinds'

export const AUDIENCES = [
  'visitors_of_offer',
  'visitors_of_venue',
  'seats_left',
  'genre_in_area',
  'own_cardholders',
  'area_cardholders',
  'all_cardholders',
] as const
export type Audience = (typeof AUDIENCES)[number]

const flag = { consume: (value: unknown) => Boolean(value) }

/** A message that staff wrote to a group of cardholders, sent now or at a set time. */
export default class Campaign extends BaseModel {
  static connection = 'omakaiku'

  @column({ isPrimary: true })
  declare id: number

  /** The sending organisation; null for an announcement of an area's coordinators or the national centre. */
  @column()
  declare organisationId: number | null

  /** The area whose coordinators sent an announcement (null: an organisation or the national centre). */
  @column()
  declare senderAreaId: number | null

  @column()
  declare userId: number | null

  @column()
  declare kind: MessageKind

  @column()
  declare audience: Audience

  @column()
  declare offerId: number | null

  @column()
  declare genreId: number | null

  /** The area an announcement reaches (null with all_cardholders: the whole country). */
  @column()
  declare areaId: number | null

  @column()
  declare bodyFi: string

  @column()
  declare bodySv: string | null

  @column()
  declare bodyEn: string | null

  @column(flag)
  declare byEmail: boolean

  @column(flag)
  declare bySms: boolean

  @column.dateTime()
  declare sendAt: DateTime

  @column.dateTime()
  declare dispatchedAt: DateTime | null

  @column()
  declare recipients: number | null

  @column()
  declare submissionKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** The text in a holder's language, or the Finnish one where none was written. */
  bodyIn(locale: Locale) {
    const body = { fi: this.bodyFi, sv: this.bodySv, en: this.bodyEn }[locale]
    return body?.trim() ? body : this.bodyFi
  }
}
