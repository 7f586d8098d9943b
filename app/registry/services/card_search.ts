import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Card from '#registry/models/card'
import { keepFiltersInPageLinks } from '#core/services/pagination'
import { formDay } from '#core/services/time'
import { today } from '#core/services/time'
import { CARD_CODE_LENGTH, normalizeCardCode, plainCardCode } from '#registry/services/card_code'
import { findCardCode } from '#registry/services/card_code_lookup'

export type CardFilters = {
  q?: string
  status?: 'active' | 'ended' | 'withdrawn'
  validity?: 'valid' | 'expired'
  issuedFrom?: Date
  issuedTo?: Date
  page?: number
}

const PAGE_SIZE = 25

/** The calendar date the validator parsed, as yyyy-MM-dd. */
const isoDate = (date: Date) => formDay(date).toISODate()!

/** A card's code now, or one it had before it was replaced (a lost card's holder may bring it). */
const heldNowOrBefore = (code: string) => (query: ModelQueryBuilderContract<typeof Card>) =>
  query
    .where('code', code)
    .orWhereIn('id', (replaced) =>
      replaced.from('replaced_codes').where('old_code', code).select('card_id')
    )

const ownCardExists = async (organisationId: number, code: string) =>
  Boolean(
    await Card.query()
      .where('issuing_organisation_id', organisationId)
      .where(heldNowOrBefore(code))
      .first()
  )

/**
 * One organisation's cards, newest first. A code is matched from its start,
 * so the first characters typed are enough; a whole code (today's, or an
 * imported old one the register holds: see findCardCode) finds its card,
 * and one with a wrong check character, or one the organisation has not
 * issued, gets its own message.
 */
export async function findCards(
  organisationId: number,
  filters: CardFilters,
  query: Record<string, unknown>
) {
  const typed = filters.q ?? ''
  const code = normalizeCardCode(typed)
  const plain = plainCardCode(typed)
  const wholeCode = code.length >= CARD_CODE_LENGTH
  const found = code ? await findCardCode(typed) : null

  const cards = Card.query().where('issuing_organisation_id', organisationId)
  if (found?.ok) cards.where(heldNowOrBefore(found.code))
  else if (wholeCode) cards.where(heldNowOrBefore(code))
  else if (code) {
    // An old code keeps its look-alike letters: its start is matched as typed too.
    cards.where((start) => {
      start.where('code', 'like', `${code}%`)
      if (plain !== code) start.orWhere('code', 'like', `${plain}%`)
    })
  }
  if (filters.status) cards.where('status', filters.status)
  if (filters.validity === 'valid') {
    cards.where('status', 'active').where('valid_until', '>=', today().toISODate()!)
  }
  if (filters.validity === 'expired') cards.where('valid_until', '<', today().toISODate()!)
  if (filters.issuedFrom) cards.where('issued_on', '>=', isoDate(filters.issuedFrom))
  if (filters.issuedTo) cards.where('issued_on', '<=', isoDate(filters.issuedTo))

  const page = await cards
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .paginate(filters.page ?? 1, PAGE_SIZE)
  // A whole code is either mistyped (the check character says so) or not one of ours.
  let codeProblem: 'wrong_check' | 'unknown' | null = null
  if (found?.ok && !(await ownCardExists(organisationId, found.code))) codeProblem = 'unknown'
  else if (wholeCode && !found?.ok) codeProblem = 'wrong_check'

  keepFiltersInPageLinks(page, urlFor('cards.index'), query)
  return { page, codeProblem }
}
