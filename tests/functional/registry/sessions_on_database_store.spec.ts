import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createHolder, HolderBrowser, HOLDER_PASSWORD } from '#tests/helpers/holder'
import { urlFor } from '@adonisjs/core/services/url_builder'
import db from '@adonisjs/lucid/services/db'
import { TOUCH_EVERY_MS } from '#core/services/session_touch'

/*
| Sessions on the store production uses: rows in `sessions` on each
| connection, the cookie carrying only the id. No session helpers of the API
| client here (they write to a memory store): every request carries the
| cookie the server set, as a browser does.
*/
const csrfIn = (html: string) => /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(html)?.[1] ?? ''

type Page = { status: number; location: string | null; text: string }

/**
 * A staff user's browser: plain fetch with the cookies the server set (the
 * API client would add a session cookie of its own under the staff cookie's
 * name) and the latest page's CSRF token.
 */
class StaffBrowser {
  cookies = new Map<string, string>()
  csrf = ''
  page = urlFor('home.show')
  setCookies: string[] = []

  async #send(path: string, init: RequestInit = {}): Promise<Page> {
    const base = `http://${env.get('HOST')}:${env.get('PORT')}`
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(new URL(path, base), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie },
    })
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line)
      const [name, value] = line.split(';')[0].split(/=(.*)/s)
      this.cookies.set(name, value)
    }
    const text = await response.text()
    const token = csrfIn(text)
    if (token) this.csrf = token
    return { status: response.status, location: response.headers.get('location'), text }
  }

  get(path: string) {
    this.page = path
    return this.#send(path)
  }

  post(path: string, form: Record<string, string> = {}) {
    return this.#send(path, {
      method: 'POST',
      // Sent from the page last opened, as a form is: a refused form goes back there.
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'referer': `http://${env.get('HOST')}:${env.get('PORT')}${this.page}`,
      },
      body: new URLSearchParams({ _csrf: this.csrf, ...form }),
    })
  }

  async signIn(email: string, password = PASSWORD) {
    await this.get(urlFor('session.create'))
    const response = await this.post(urlFor('session.store'), { email, password })
    await this.get(urlFor('home.show'))
    return response
  }

  /** Another browser holding a copy of this one's cookies. */
  copy() {
    return Object.assign(new StaffBrowser(), {
      cookies: new Map(this.cookies),
      csrf: this.csrf,
    })
  }
}

test.group('Sessions on the database store', (group) => {
  group.setup(() => {
    const before = env.get('SESSION_DRIVER')
    env.set('SESSION_DRIVER', 'database')
    return () => env.set('SESSION_DRIVER', before)
  })
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a refused 10,000-character post comes back with its text and message; every cookie stays under 4 kB', async ({
    assert,
  }) => {
    const user = await createUser('distributor')
    const browser = new StaffBrowser()
    await browser.signIn(user.email)
    await browser.get(urlFor('posts.create'))
    const text = 'Pitkä viesti. '.repeat(715).slice(0, 10000)
    const refused = await browser.post(urlFor('posts.store'), {
      audience: 'area',
      heading: 'x',
      message: text,
      submissionKey: crypto.randomUUID(),
    })
    assert.equal(refused.status, 302)
    const page = await browser.get(refused.location!)
    assert.include(page.text, 'Otsikossa pitää olla vähintään 3 merkkiä.')
    assert.include(page.text, text.trim())
    assert.isNotEmpty(browser.setCookies)
    for (const cookie of browser.setCookies) assert.isBelow(cookie.length, 4096)
  })

  test('a session in use writes its expiry at most once a minute; an idle one ends', async ({
    assert,
  }) => {
    const user = await createUser('distributor')
    const browser = new StaffBrowser()
    await browser.signIn(user.email)
    const row = () => db.connection('registry').from('sessions').where('user_id', String(user.id))
    const expiry = async () => new Date((await row().firstOrFail()).expires_at).getTime()
    const setExpiry = (at: number) => row().update({ expires_at: new Date(at) })

    // Signed in a moment ago: the pages that follow within the minute leave the row alone.
    // Whole seconds: MariaDB's DATETIME keeps no fractions.
    const marked = Math.floor(Date.now() / 1000 + 30 * 60) * 1000
    await setExpiry(marked)
    assert.equal((await browser.get(urlFor('cards.create'))).status, 200)
    assert.equal(await expiry(), marked)

    // A minute on, the next page moves the expiry two hours ahead again.
    const realNow = Date.now
    const later = realNow() + TOUCH_EVERY_MS + 1000
    Date.now = () => realNow() + TOUCH_EVERY_MS + 1000
    try {
      assert.equal((await browser.get(urlFor('cards.create'))).status, 200)
    } finally {
      Date.now = realNow
    }
    assert.approximately(await expiry(), later + 2 * 3600_000, 5000)

    // Past its expiry the session is over: the next page asks to sign in.
    await setExpiry(Date.now() - 1000)
    const idle = await browser.get(urlFor('cards.create'))
    assert.equal(idle.status, 302)
    assert.equal(idle.location, urlFor('session.create'))
  })

  test('signing out ends the session for every copy of its cookie', async ({ assert }) => {
    const user = await createUser('distributor')
    const browser = new StaffBrowser()
    await browser.signIn(user.email)
    const copy = browser.copy()
    assert.equal((await copy.get(urlFor('cards.create'))).status, 200)

    await browser.post(urlFor('session.destroy'))
    const after = await copy.get(urlFor('cards.create'))
    assert.equal(after.status, 302)
    assert.equal(after.location, urlFor('session.create'))
  })

  test("changing the password ends the user's other sessions; the current one stays", async ({
    assert,
  }) => {
    const user = await createUser('distributor')
    const laptop = new StaffBrowser()
    await laptop.signIn(user.email)
    const phone = new StaffBrowser()
    await phone.signIn(user.email)

    await laptop.get(urlFor('password.edit'))
    const changed = await laptop.post(urlFor('password.update'), {
      currentPassword: PASSWORD,
      password: 'a new long password 2026',
      passwordConfirmation: 'a new long password 2026',
    })
    assert.equal(changed.location, urlFor('password.edit'))
    assert.equal((await laptop.get(urlFor('cards.create'))).status, 200)
    assert.equal((await phone.get(urlFor('cards.create'))).location, urlFor('session.create'))
  })

  test("a cardholder's copied cookie stops at sign-out; a password change ends the other sessions", async ({
    client,
  }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const holder = await HolderBrowser.signedIn(client, account.email)
    const copy = Object.assign(new HolderBrowser(client), {
      sessionId: holder.sessionId,
      csrf: holder.csrf,
    })
    ;(await copy.get(urlFor('my_data.download'))).assertStatus(200)
    await holder.post(urlFor('holder_session.destroy'))
    ;(await copy.get(urlFor('my_data.download'))).assertHeader(
      'location',
      urlFor('holder_session.create')
    )

    const phone = await HolderBrowser.signedIn(client, account.email)
    const laptop = await HolderBrowser.signedIn(client, account.email)
    await laptop.get(urlFor('holder_password.change'))
    await laptop.post(urlFor('holder_password.save_change'), {
      currentPassword: HOLDER_PASSWORD,
      password: 'another long password 2026',
      passwordConfirmation: 'another long password 2026',
    })
    ;(await laptop.get(urlFor('my_card.show'))).assertStatus(200)
    ;(await phone.get(urlFor('my_card.show'))).assertHeader(
      'location',
      urlFor('holder_session.create')
    )
  })
})
