import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import SurveyQuestion from '#surveys/models/survey_question'
import type { Language } from '#surveys/services/instruments'
import { finnishDayOf } from '#core/services/time'

export const SURVEY_KINDS = ['anonymous', 'partner'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]
export const PARTNER_AUDIENCES = ['all', 'distributors', 'venues'] as const
export type PartnerAudience = (typeof PARTNER_AUDIENCES)[number]
export type SurveyState = 'draft' | 'open' | 'closed'

/** The organisation types a partner survey's audience reaches. */
export const AUDIENCE_TYPES: Record<PartnerAudience, readonly string[]> = {
  all: ['distributor', 'venue', 'ticket_agent', 'partner'],
  distributors: ['distributor'],
  venues: ['venue'],
}

/**
 * A survey by an admin or area coordinator: anonymous (answered by link,
 * without signing in) or to the partner organisations of an area.
 */
export default class Survey extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: SurveyKind

  @column()
  declare title: string

  @column()
  declare intro: string | null

  @column()
  declare language: Language

  @column()
  declare areaId: number | null

  @column()
  declare audience: PartnerAudience | null

  @column()
  declare createdByUserId: number | null

  @column()
  declare linkToken: string | null

  @column.dateTime()
  declare openedAt: DateTime | null

  @column.dateTime()
  declare closesAt: DateTime

  @column.dateTime()
  declare closedAt: DateTime | null

  @column()
  declare submissionKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => SurveyQuestion)
  declare questions: HasMany<typeof SurveyQuestion>

  /** The last day answers are taken, in Finnish time (they are taken until its end). */
  get lastDay() {
    return finnishDayOf(this.closesAt.minus({ seconds: 1 }))
  }

  stateAt(now: DateTime): SurveyState {
    if (!this.openedAt) return 'draft'
    if (this.closedAt || now >= this.closesAt) return 'closed'
    return 'open'
  }
}
