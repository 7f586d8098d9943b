import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const ENTRY_STATUSES = [
  'waiting',
  'offered',
  'accepted',
  'declined',
  'expired',
  'removed',
] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]
/** On the list: still waiting, or holding an offer. */
export const ACTIVE_STATUSES: EntryStatus[] = ['waiting', 'offered']

/** One card on a show's waiting list. Only the card's code: never a name or an address. */
export default class WaitingListEntry extends BaseModel {
  static connection = 'registry'
  static table = 'waiting_list_entries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare occurrenceId: number

  @column()
  declare cardCode: string

  @column()
  declare childrenCount: number

  @column()
  declare groupSize: number | null

  @column()
  declare status: EntryStatus

  @column()
  declare activeKey: string | null

  @column()
  declare addedByOrganisationId: number | null

  @column()
  declare addedByUserId: number | null

  @column.dateTime()
  declare offeredAt: DateTime | null

  @column.dateTime()
  declare offerExpiresAt: DateTime | null

  @column()
  declare useId: number | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  static activeKeyOf(occurrenceId: number, cardCode: string) {
    return `${occurrenceId}:${cardCode}`
  }

  /** Card places the entry wants: the community group, or the holder and the children. */
  get places() {
    return this.groupSize ?? 1 + this.childrenCount
  }
}
