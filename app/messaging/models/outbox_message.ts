import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { Channel, MessageKind } from '#messaging/message_kinds'

export const OUTBOX_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'dead',
  'skipped',
] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** What a message's text is made of: names, times and links, never contact details. */
export type MessageParams = Record<string, string | number | null>

/** One message to one cardholder by one channel, from queued to delivered (or dead). */
export default class OutboxMessage extends BaseModel {
  static connection = 'omakaiku'
  static table = 'outbox_messages'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare idempotencyKey: string

  @column()
  declare accountId: number

  @column()
  declare cardCode: string

  @column()
  declare kind: MessageKind

  @column()
  declare channel: Channel

  @column()
  declare campaignId: number | null

  @column({
    prepare: (value: MessageParams) => JSON.stringify(value),
    consume: (value: string | MessageParams) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare params: MessageParams

  @column()
  declare status: OutboxStatus

  @column()
  declare attempts: number

  @column.dateTime()
  declare nextAttemptAt: DateTime

  @column()
  declare claimToken: string | null

  @column.dateTime()
  declare lockedUntil: DateTime | null

  @column()
  declare providerMessageId: string | null

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
