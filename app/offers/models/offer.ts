import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Genre from '#offers/models/genre'
import Occurrence from '#offers/models/occurrence'

export const OFFER_TYPES = [
  'performance',
  'exhibition',
  'course',
  'series',
  'library_fees',
] as const
export type OfferType = (typeof OFFER_TYPES)[number]

/** The languages an offer is written in: its original's, and the versions a venue may add. */
export const OFFER_LANGUAGES = ['fi', 'sv', 'en'] as const
export type OfferLanguage = (typeof OFFER_LANGUAGES)[number]

/** The texts a venue writes, which may have Swedish and English versions. */
export type OfferText = 'title' | 'description' | 'accessibility'

/** Offer types used on dated occurrences; the others run for a period (open offers). */
export const TYPES_WITH_OCCURRENCES: readonly OfferType[] = ['performance', 'course']

/** What a venue gives free with the card, with the restrictions it has chosen. */
export default class Offer extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare title: string

  @column()
  declare description: string

  @column()
  declare type: OfferType

  @column()
  declare genreId: number

  @column()
  declare municipalityId: number

  @column()
  declare location: string

  @column()
  declare accessibility: string

  @column({ consume: Boolean })
  declare childrenAllowed: boolean

  @column({ consume: Boolean })
  declare guestProduction: boolean

  @column({ consume: Boolean })
  declare oncePerCard: boolean

  @column({ consume: Boolean })
  declare weekendsExcluded: boolean

  @column()
  declare bookingOpensDays: number | null

  @column()
  declare yearlyVisits: number | null

  @column()
  declare yearlyEuroCap: number | null

  @column.date()
  declare availableFrom: DateTime | null

  @column.date()
  declare availableUntil: DateTime | null

  @column({ consume: Boolean })
  declare published: boolean

  @column()
  declare revision: number

  /** The offer's own ways to get a ticket (ticket_info.ts); null: the venue's. */
  @column()
  declare ticketWays: string | null
  /** The language the venue wrote title, description and accessibility notes in. */
  @column()
  declare language: OfferLanguage

  @column()
  declare titleSv: string | null

  @column()
  declare descriptionSv: string | null

  @column()
  declare accessibilitySv: string | null

  @column()
  declare titleEn: string | null

  @column()
  declare descriptionEn: string | null

  @column()
  declare accessibilityEn: string | null

  /**
   * A text as a page in `locale` shows it: the venue's Swedish or English
   * version when it wrote one, else the original; with the language it is
   * in, for the element's lang attribute.
   */
  textIn(text: OfferText, locale: string): { text: string; lang: OfferLanguage } {
    if (locale !== this.language && (locale === 'sv' || locale === 'en')) {
      const version = this[`${text}${locale === 'sv' ? 'Sv' : 'En'}`]
      if (version) return { text: version, lang: locale }
    }
    return { text: this[text], lang: this.language ?? 'fi' }
  }

  get hasOccurrences(): boolean {
    return TYPES_WITH_OCCURRENCES.includes(this.type)
  }

  @belongsTo(() => Genre)
  declare genre: BelongsTo<typeof Genre>

  @hasMany(() => Occurrence)
  declare occurrences: HasMany<typeof Occurrence>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
