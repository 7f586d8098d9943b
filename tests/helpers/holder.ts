import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import Account from '#omakaiku/models/account'
import Organisation from '#registry/models/organisation'
import type Card from '#registry/models/card'
import { recordOmaKaikuAccount } from '#registry/services/holder_card'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** The password of every cardholder account these fixtures create. */
export const HOLDER_PASSWORD = 'blue tram goes home'
export const HOLDER_COOKIE = 'omakaiku-session'

/** An activated OmaKaiku account for a card, as if the holder had set their password. */
export async function createHolder(card: Card, overrides: Partial<Account> = {}) {
  const organisation = await Organisation.findOrFail(card.issuingOrganisationId)
  const account = await Account.create({
    cardCode: card.code,
    firstName: 'Aino',
    lastName: 'Holder',
    email: `holder-${randomUUID().slice(0, 8)}@example.fi`,
    phone: null,
    municipalityId: organisation.municipalityId!,
    locale: 'fi',
    password: HOLDER_PASSWORD,
    activatedAt: DateTime.utc(),
    ...overrides,
  })
  await recordOmaKaikuAccount(card.code, account.createdAt)
  // These fixtures always give an e-mail (see createSmsOnlyHolder for one without).
  return account as Account & { email: string }
}

const csrfIn = (html: string) => /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(html)?.[1] ?? ''

/**
 * A cardholder's browser as far as the API client can be one: it carries
 * OmaKaiku's own session cookie (never the staff one) and the CSRF token of
 * the latest page, as a real form would.
 */
export class HolderBrowser {
  sessionId = ''
  csrf = ''

  constructor(private client: ApiClient) {}

  #keepSession(response: { cookie(name: string): { value: string } | undefined }) {
    const cookie = response.cookie(HOLDER_COOKIE)
    if (cookie?.value) this.sessionId = cookie.value
  }

  async get(path: string) {
    const request = this.client.get(path).redirects(0)
    if (this.sessionId) request.withCookie(HOLDER_COOKIE, this.sessionId)
    const response = await request
    this.#keepSession(response)
    const token = csrfIn(response.text())
    if (token) this.csrf = token
    return response
  }

  /** Posts a form with the page's CSRF token (fetching a page first if none is known yet). */
  async post(path: string, form: Record<string, unknown> = {}, referer?: string) {
    if (!this.csrf) await this.get(urlFor('holder_session.create'))
    const request = this.client
      .post(path)
      .form({ _csrf: this.csrf, ...form })
      .redirects(0)
      .withCookie(HOLDER_COOKIE, this.sessionId)
    if (referer) request.header('referer', referer)
    const response = await request
    this.#keepSession(response)
    return response
  }

  /** A browser already signed in as the holder. */
  static async signedIn(client: ApiClient, email: string) {
    const browser = new HolderBrowser(client)
    await browser.signIn(email)
    return browser
  }

  async signIn(email: string, password = HOLDER_PASSWORD) {
    await this.get(urlFor('holder_session.create'))
    const response = await this.post(urlFor('holder_session.store'), { email, password })
    // A fresh token for the signed-in session.
    await this.get(urlFor('my_card.show'))
    return response
  }
}
