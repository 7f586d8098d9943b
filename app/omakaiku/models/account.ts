import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { Locale } from '#config/i18n'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/**
 * A cardholder's OmaKaiku account: the only place their name and contact
 * details exist. Tied to the card by its code alone.
 */
export default class Account extends compose(BaseModel, AuthFinder) {
  static connection = 'omakaiku'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cardCode: string

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  /** Null for a holder who uses Kaikukortti by SMS only (a confirmed phone, no e-mail). */
  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column()
  declare municipalityId: number

  @column()
  declare locale: Locale

  @column({ serializeAs: null })
  declare password: string | null

  @column.dateTime()
  declare activatedAt: DateTime | null

  /** When the holder confirmed the number at the desk with the code sent to it. */
  @column.dateTime()
  declare phoneConfirmedAt: DateTime | null

  /** The SMS code's hash while one is waiting to be typed, its expiry and the wrong tries so far. */
  @column({ serializeAs: null })
  declare phoneCodeHash: string | null

  @column.dateTime({ serializeAs: null })
  declare phoneCodeExpiresAt: DateTime | null

  @column({ serializeAs: null })
  declare phoneCodeAttempts: number

  /** Until this day the card page does not invite the holder to the wellbeing questionnaires. */
  @column.date()
  declare wellbeingPromptHiddenUntil: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Whether a typed password is the account's (false while none has been set). */
  async passwordMatches(plain: string) {
    return this.password !== null && this.verifyPassword(plain)
  }
}
