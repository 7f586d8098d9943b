import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import CardUse from '#usage/models/card_use'
import { occurrenceStart } from '#offers/services/registration_targets'
import { FieldError } from '#core/services/field_error'
import { toSqlDateTime } from '#core/services/time'
import { offerFreedPlaces } from '#usage/services/waiting_list'
import { rowsChanged } from '#core/services/rows_changed'

/** The use can no longer change: already cancelled, or a no-show. */
export class UseNotChangeableError extends FieldError {
  constructor() {
    super('form', 'usage.not_changeable')
  }
}

/**
 * Cancelling and marking a no-show. A cancellation frees the place under
 * the cap at once (cancelled uses are not counted) and offers it to the next
 * on the show's waiting list; a holder's cancellation also lands in the
 * venue's inbox.
 */
export default class UseChanges {
  async cancelByVenue(use: CardUse) {
    return this.#cancel(use, 'venue')
  }

  async markNoShow(use: CardUse) {
    if (use.status !== 'registered') throw new UseNotChangeableError()
    use.status = 'no_show'
    return use.save()
  }

  /**
   * OmaKaiku's cancel button: a holder cancels their own ticket, identified
   * by the card code, until the event starts.
   */
  async cancelByHolder(cardCode: string, useId: number) {
    const use = await CardUse.query().where('id', useId).where('card_code', cardCode).firstOrFail()
    await this.#ensureBeforeStart(use, 'usage.holder_cancel_too_late')
    const cancelled = await this.#cancel(use, 'holder')
    await emitter.emit('use:cancelled_by_holder', { cardCode, useId: cancelled.id })
    return cancelled
  }

  /** The organisation that booked a client's place cancels it, until the show starts. */
  async cancelByBooker(use: CardUse) {
    await this.#ensureBeforeStart(use, 'usage.booking_cancel_too_late')
    return this.#cancel(use, 'booker')
  }

  /** A ticket cancelled from outside the venue: still registered, and its show not begun. */
  async #ensureBeforeStart(use: CardUse, tooLateKey: string) {
    const startsAt = use.occurrenceId ? await occurrenceStart(use.occurrenceId) : null
    if (use.status !== 'registered') throw new UseNotChangeableError()
    if (!startsAt || startsAt <= DateTime.now()) throw new FieldError('form', tooLateKey)
  }

  /**
   * A booking its holder was asked about and did not confirm, released by the
   * venue's rule. False when the holder confirmed (or anyone cancelled) first.
   */
  async releaseUnconfirmed(use: CardUse) {
    try {
      await this.#cancel(use, 'released', (query) => query.whereNull('attendance_confirmed_at'))
      return true
    } catch (error) {
      if (error instanceof UseNotChangeableError) return false
      throw error
    }
  }

  async #cancel(
    use: CardUse,
    by: NonNullable<CardUse['cancelledBy']>,
    condition: (query: ReturnType<typeof CardUse.query>) => unknown = () => {}
  ) {
    // Only a registered use can be cancelled; the condition in the UPDATE makes a double click harmless.
    const query = CardUse.query().where('id', use.id).where('status', 'registered')
    condition(query)
    const changed = await query.update({
      status: 'cancelled',
      cancelled_at: toSqlDateTime(DateTime.now()),
      cancelled_by: by,
      updated_at: toSqlDateTime(DateTime.now()),
    })
    if (!rowsChanged(changed)) throw new UseNotChangeableError()
    await use.refresh()
    // The freed place goes to the next on the show's waiting list.
    if (use.occurrenceId) {
      try {
        await offerFreedPlaces(use.occurrenceId)
      } catch (error) {
        // The cancellation stands; the scheduled job offers the place on its next run.
        logger.error({ err: error, use: use.id }, 'freed place not offered')
      }
    }
    return use
  }
}
