import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One feedback on accessibility, from anyone; the reply contact is the sender's own, optional. */
export default class AccessibilityFeedback extends BaseModel {
  static connection = 'registry'
  static table = 'accessibility_feedback'

  @column({ isPrimary: true })
  declare id: number

  /** The page or service concerned, in the sender's words. */
  @column()
  declare concerns: string

  @column()
  declare message: string

  @column()
  declare replyEmail: string | null

  /** E.164. */
  @column()
  declare replyPhone: string | null

  /** The language the sender used the form in: the reply is given in it. */
  @column()
  declare locale: string

  /** The law's reply period from the day it was received (config/feedback.ts). */
  @column.date()
  declare replyDueOn: DateTime

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column()
  declare submissionKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
