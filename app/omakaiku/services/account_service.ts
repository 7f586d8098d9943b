import db from '@adonisjs/lucid/services/db'
import type { Locale } from '#config/i18n'
import type { StaffMember } from '#core/roles'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { mailLinkAllowed } from '#core/services/sign_in_throttle'
import Account from '#omakaiku/models/account'
import { sendAccountLink } from '#omakaiku/services/account_links'
import { confirmPhoneCode, sendPhoneCode } from '#omakaiku/services/phone_confirmation'
import { saveNotificationChoices } from '#omakaiku/services/notification_settings'
import { municipalityChoices } from '#registry/services/directory'
import { cardForActivation, recordOmaKaikuAccount } from '#registry/services/holder_card'

export type ActivationInput = {
  firstName: string
  lastName: string
  /** None for a holder who uses Kaikukortti by SMS only: then the phone is required. */
  email?: string | null
  phone?: string | null
  municipalityId: number
  locale: Locale
}

/** Refusals for the activation form that belong to no single field. */
export class AccountExistsError extends FieldError {
  constructor() {
    super('form', 'omakaiku.account_exists')
  }
}

async function ensureEmailFree(email: string, exceptAccountId?: number) {
  const taken = await Account.query()
    .where('email', email)
    .if(exceptAccountId, (query) => query.whereNot('id', exceptAccountId!))
    .first()
  if (taken) throw new FieldError('email', 'omakaiku.email_taken')
}

/**
 * OmaKaiku accounts. A distributor user creates one from the card page with
 * the holder present; the holder then sets their own password through a
 * link sent to their e-mail. The registry learns only that the card has an
 * account, and since when.
 */
export default class AccountService {
  async activate(staff: StaffMember, cardId: number, input: ActivationInput) {
    const card = await cardForActivation(staff, cardId)
    const email = input.email ? input.email.toLowerCase() : null
    if (!email && !input.phone) throw new FieldError('email', 'omakaiku.email_or_phone_needed')
    // The same form sent twice, or twice at once: the account it made is the answer, one message goes out.
    const sameAccount = async () => {
      const existing = await Account.findBy('card_code', card.code)
      return existing && existing.email === email ? existing : null
    }
    return oncePerSubmission(sameAccount, async () => {
      if (await Account.findBy('card_code', card.code)) throw new AccountExistsError()
      if (card.state === 'ended' || card.state === 'withdrawn') {
        throw new FieldError('form', 'omakaiku.card_not_in_use')
      }
      const municipalities = await municipalityChoices()
      if (!municipalities.some((m) => m.id === input.municipalityId)) {
        throw new FieldError('municipalityId', 'omakaiku.municipality_unknown')
      }
      if (email) await ensureEmailFree(email)

      const account = await db
        .connection('omakaiku')
        .transaction(async (trx) => {
          const created = await Account.create(
            {
              cardCode: card.code,
              firstName: input.firstName,
              lastName: input.lastName,
              email,
              phone: input.phone ?? null,
              municipalityId: input.municipalityId,
              locale: input.locale,
              password: null,
              activatedAt: null,
            },
            { client: trx }
          )
          // With an e-mail, a link to set a password; without, a code to the phone, read out here.
          if (email) await sendAccountLink(created, 'activation', trx)
          else await sendPhoneCode(created, trx)
          return created
        })
        .catch(async (error) => {
          // A simultaneous request took the address or the card first: the unique keys refuse
          // this one, answered like the checks above (the database's message names the address).
          if (email && (await Account.findBy('email', email)))
            throw new FieldError('email', 'omakaiku.email_taken')
          if (await Account.findBy('card_code', card.code)) throw new AccountExistsError()
          throw error
        })
      await recordOmaKaikuAccount(card.code, account.createdAt)
      return account
    })
  }

  /**
   * Sends the activation link again (the earlier one stops working), to a
   * corrected address if the first one was mistyped. Once the holder has
   * set a password, they use "forgot password" instead.
   */
  async resendActivation(staff: StaffMember, cardId: number, correctedEmail: string | null) {
    const card = await cardForActivation(staff, cardId)
    const account = await Account.findByOrFail('card_code', card.code)
    // A holder who has set a password uses "forgot password"; an SMS-only holder may add an e-mail.
    if (account.password !== null) throw new FieldError('form', 'omakaiku.already_activated')
    if (!correctedEmail && !account.email) throw new FieldError('email', 'omakaiku.email_needed')
    if (correctedEmail && correctedEmail.toLowerCase() !== account.email) {
      await ensureEmailFree(correctedEmail.toLowerCase(), account.id)
      account.email = correctedEmail.toLowerCase()
      await account.save()
    }
    await sendAccountLink(account, 'activation')
    return account
  }

  /**
   * Where the card's account stands: none yet; an SMS-only account waiting
   * for the code; one waiting for its first password (or an SMS-only one
   * that may get an e-mail); or in use with a password.
   */
  async awaitingActivation(staff: StaffMember, cardId: number) {
    const card = await cardForActivation(staff, cardId)
    const account = await Account.findBy('card_code', card.code)
    return {
      card,
      hasAccount: Boolean(account),
      awaitingPhoneCode: Boolean(account && !account.email && !account.phoneConfirmedAt),
      smsOnly: Boolean(account && !account.email),
      activated: Boolean(account?.password),
    }
  }

  /** The SMS code read out at the desk: the number is confirmed and, if the holder wants, SMS reminders begin. */
  async confirmPhone(staff: StaffMember, cardId: number, code: string, smsReminders: boolean) {
    const card = await cardForActivation(staff, cardId)
    const account = await Account.findByOrFail('card_code', card.code)
    if (account.phoneConfirmedAt) return account
    await confirmPhoneCode(account, code)
    if (smsReminders) {
      await saveNotificationChoices(account.id, {
        enabled: true,
        kinds: ['ticketReminders', 'cardExpiry'],
        channels: ['bySms'],
        genreIds: [],
      })
    }
    return account
  }

  /** A new code to the phone (the old one stops working). */
  async resendPhoneCode(staff: StaffMember, cardId: number) {
    const card = await cardForActivation(staff, cardId)
    const account = await Account.findByOrFail('card_code', card.code)
    if (account.phoneConfirmedAt || !account.phone) {
      throw new FieldError('form', 'omakaiku.already_activated')
    }
    await sendPhoneCode(account)
  }

  /**
   * A forgotten password: a link to the address if it has an account (an
   * activation link if the first password was never set). The caller answers
   * the same either way. False when the request came too often.
   */
  async requestPasswordLink(email: string, ip: string) {
    if (!(await mailLinkAllowed('holder', email, ip))) return false
    const account = await Account.findBy('email', email.trim().toLowerCase())
    if (account) await sendAccountLink(account, account.activatedAt ? 'reset' : 'activation')
    return true
  }

  /** Deletes the account and everything OmaKaiku holds for it; the card itself stays in the registry. */
  async delete(account: Account) {
    // Explicit, not only ON DELETE CASCADE: SQLite enforces foreign keys only when asked to.
    await db.connection('omakaiku').transaction(async (trx) => {
      for (const table of [
        'notification_genres',
        'notification_settings',
        'notes',
        'account_tokens',
      ]) {
        await trx.from(table).where('account_id', account.id).delete()
      }
      await trx.from('accounts').where('id', account.id).delete()
    })
    await recordOmaKaikuAccount(account.cardCode, null)
  }
}
