import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import User from '#registry/models/user'
import Organisation from '#registry/models/organisation'
import { createUser, PASSWORD } from '#tests/helpers/fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { urlFor } from '@adonisjs/core/services/url_builder'

const resetPath = (text: string) => text.match(/\/password\/reset\/[A-Za-z0-9_-]+/)?.[0]

test.group('Staff access', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('every staff page sends a signed-out visitor to sign in, and back there afterwards', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    const page = await client.get(urlFor('cards.create')).redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', urlFor('session.create'))
    page.assertSession('intendedUrl', urlFor('cards.create'))

    const signIn = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .withSession({ intendedUrl: urlFor('cards.create') })
      .redirects(0)
    signIn.assertHeader('location', urlFor('cards.create'))
  })

  test('a form sent after the session expired leads to sign-in, then back to the form, with nothing written', async ({
    client,
  }) => {
    const page = await client
      .post(urlFor('cards.store'))
      .form({ birthYear: '1980' })
      .header('referer', `http://127.0.0.1:3334${urlFor('cards.create')}`)
      .redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', urlFor('session.create'))
    page.assertSession('intendedUrl', urlFor('cards.create'))
    page.assertFlashMessage('sessionExpired', true)

    const signInPage = await client
      .get(urlFor('session.create'))
      .withSession({})
      .withFlashMessages({ sessionExpired: true })
    signInPage.assertTextIncludes('Istuntosi vanheni')
  })

  test('a sign-in redirect never leaves the site', async ({ client, assert }) => {
    const user = await createUser('distributor')
    for (const intendedUrl of ['//evil.example/steal', '/\\evil.example', '/\t/evil.example']) {
      const response = await client
        .post(urlFor('session.store'))
        .form({ email: user.email, password: PASSWORD })
        .withCsrfToken()
        .withSession({ intendedUrl })
        .redirects(0)
      assert.equal(response.header('location'), urlFor('home.show'), JSON.stringify(intendedUrl))
    }

    // A form posted from another site whose path looks like a host is not remembered either.
    const stale = await client
      .post(urlFor('cards.store'))
      .form({ birthYear: '1980' })
      .header('referer', 'https://evil.example//evil.example/steal')
      .redirects(0)
    stale.assertHeader('location', urlFor('session.create'))
    stale.assertSessionMissing('intendedUrl')
  })

  test('repeated failed sign-ins lock the account for a while, with a clear message', async ({
    client,
    assert,
  }) => {
    const user = await createUser('venue')
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await client
        .post(urlFor('session.store'))
        .form({ email: user.email, password: 'wrong password!!' })
        .withCsrfToken()
      response.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')
    }
    const locked = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.equal(locked.header('location'), urlFor('session.create'))
    const page = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
    page.assertTextIncludes('Liian monta epäonnistunutta kirjautumista')
  })

  test('many failed sign-ins from one address block that address, not others', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    for (let attempt = 0; attempt < 30; attempt++) {
      await client
        .post(urlFor('session.store'))
        .form({ email: `guess${attempt}@example.fi`, password: 'wrong password!!' })
        .header('X-Forwarded-For', '203.0.113.7')
        .withCsrfToken()
    }
    const blocked = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .header('X-Forwarded-For', '203.0.113.7')
      .withCsrfToken()
    blocked.assertTextIncludes('Liian monta epäonnistunutta kirjautumista')
    const elsewhere = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .header('X-Forwarded-For', '198.51.100.20')
      .withCsrfToken()
      .redirects(0)
    elsewhere.assertHeader('location', urlFor('home.show'))
  })

  test('a deactivated user cannot sign in', async ({ client }) => {
    const user = await createUser('distributor')
    await User.query().where('id', user.id).update({ active: false })
    const response = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
    response.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')
  })

  test('a user deactivated during their session is signed out at the next request', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    ;(await client.get(urlFor('cards.create')).loginAs(user)).assertStatus(200)
    await User.query().where('id', user.id).update({ active: false })
    const next = await client.get(urlFor('cards.create')).loginAs(user).redirects(0)
    next.assertStatus(302)
    next.assertHeader('location', urlFor('session.create'))
  })

  test("an inactive organisation's users cannot sign in, and their open sessions end", async ({
    client,
  }) => {
    const user = await createUser('venue')
    ;(await client.get(urlFor('registrations.create')).loginAs(user)).assertStatus(200)
    await Organisation.query().where('id', user.organisationId!).update({ active: false })

    const next = await client.get(urlFor('registrations.create')).loginAs(user).redirects(0)
    next.assertHeader('location', urlFor('session.create'))
    const registration = await client
      .post(urlFor('registrations.store'))
      .form({ code: 'ABC-123' })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    registration.assertHeader('location', urlFor('session.create'))

    const signIn = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
    signIn.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')
  })

  test('signing out ends the session', async ({ client }) => {
    const user = await createUser('distributor')
    const response = await client
      .post(urlFor('session.destroy'))
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertHeader('location', urlFor('session.create'))
  })

  test('a user changes their password with the current one', async ({ client, assert }) => {
    const user = await createUser('distributor')
    const wrong = await client
      .post(urlFor('password.update'))
      .form({
        currentPassword: 'not my password',
        password: 'a brand new passphrase',
        passwordConfirmation: 'a brand new passphrase',
      })
      .withCsrfToken()
      .loginAs(user)
    wrong.assertTextIncludes('Nykyinen salasana on väärin.')
    assert.isTrue(await hash.verify((await User.findOrFail(user.id)).password, PASSWORD))

    const tooShort = await client
      .post(urlFor('password.update'))
      .form({ currentPassword: PASSWORD, password: 'short', passwordConfirmation: 'short' })
      .withCsrfToken()
      .loginAs(user)
      .header('referer', urlFor('password.edit'))
    tooShort.assertTextIncludes('Salasanassa pitää olla vähintään 12 merkkiä.')

    const ok = await client
      .post(urlFor('password.update'))
      .form({
        currentPassword: PASSWORD,
        password: 'a brand new passphrase',
        passwordConfirmation: 'a brand new passphrase',
      })
      .withCsrfToken()
      .loginAs(user)
    ok.assertTextIncludes('Salasana on vaihdettu.')
    assert.isTrue(
      await hash.verify((await User.findOrFail(user.id)).password, 'a brand new passphrase')
    )
  })

  test('a forgotten password is reset through a single-use e-mail link sent over SMTP', async ({
    client,
    assert,
  }) => {
    const user = await createUser('distributor')
    const request = await client
      .post(urlFor('password_reset.store'))
      .form({ email: user.email.toUpperCase() })
      .withCsrfToken()
    request.assertTextIncludes('Jos osoitteella on Kaikukanta-tunnus')

    const mail = fakeSmtp.lastTo(user.email)
    assert.exists(mail, 'the reset mail reached the SMTP server')
    assert.include(mail!.text, 'Kaikukanta: uusi salasana')
    const path = resetPath(mail!.text)!
    assert.exists(path)

    const form = await client.get(path)
    form.assertTextIncludes('Aseta uusi salasana')
    const reset = await client
      .post(path)
      .form({ password: 'reset passphrase 2026', passwordConfirmation: 'reset passphrase 2026' })
      .withCsrfToken()
      .redirects(0)
    reset.assertHeader('location', urlFor('session.create'))
    assert.isTrue(
      await hash.verify((await User.findOrFail(user.id)).password, 'reset passphrase 2026')
    )

    const reused = await client
      .post(path)
      .form({ password: 'another passphrase!', passwordConfirmation: 'another passphrase!' })
      .withCsrfToken()
    reused.assertTextIncludes('Tämä linkki ei enää toimi')
    assert.isTrue(
      await hash.verify((await User.findOrFail(user.id)).password, 'reset passphrase 2026')
    )
  })

  test('an expired reset link does not work', async ({ client, assert }) => {
    const user = await createUser('distributor')
    await client.post(urlFor('password_reset.store')).form({ email: user.email }).withCsrfToken()
    const path = resetPath(fakeSmtp.lastTo(user.email)!.text)!
    const { default: db } = await import('@adonisjs/lucid/services/db')
    await db
      .from('password_reset_tokens')
      .where('user_id', user.id)
      .update({ expires_at: '2000-01-01 00:00:00' })
    const page = await client.get(path)
    page.assertTextIncludes('Tämä linkki ei enää toimi')
    const post = await client
      .post(path)
      .form({ password: 'late passphrase 123', passwordConfirmation: 'late passphrase 123' })
      .withCsrfToken()
    post.assertTextIncludes('Tämä linkki ei enää toimi')
    assert.isTrue(await hash.verify((await User.findOrFail(user.id)).password, PASSWORD))
  })

  test('only the newest reset link works: an earlier one stops working when a new one is sent', async ({
    client,
    assert,
  }) => {
    const user = await createUser('distributor')
    await client.post(urlFor('password_reset.store')).form({ email: user.email }).withCsrfToken()
    await client.post(urlFor('password_reset.store')).form({ email: user.email }).withCsrfToken()
    const [first, second] = fakeSmtp.inbox
      .filter((mail) => mail.to.includes(user.email))
      .map((mail) => resetPath(mail.text)!)
    assert.notEqual(first, second)

    const old = await client.get(first)
    old.assertTextIncludes('Tämä linkki ei enää toimi')
    old.assertTextIncludes('uudempi linkki')
    old.assertTextIncludes(`href="${urlFor('password_reset.create')}"`)
    const oldInEnglish = await client.get(first).withPlainCookie('kaikukanta-locale', 'en')
    oldInEnglish.assertTextIncludes('a newer link has been sent to you since')
    const refused = await client
      .post(first)
      .form({ password: 'old link passphrase', passwordConfirmation: 'old link passphrase' })
      .withCsrfToken()
    refused.assertTextIncludes('Tämä linkki ei enää toimi')
    assert.isTrue(await hash.verify((await User.findOrFail(user.id)).password, PASSWORD))

    const reset = await client
      .post(second)
      .form({ password: 'newest link passphrase', passwordConfirmation: 'newest link passphrase' })
      .withCsrfToken()
      .redirects(0)
    reset.assertHeader('location', urlFor('session.create'))
    assert.isTrue(
      await hash.verify((await User.findOrFail(user.id)).password, 'newest link passphrase')
    )
  })

  test('the forgot-password answer does not reveal whether an address has an account', async ({
    client,
    assert,
  }) => {
    const before = fakeSmtp.inbox.length
    const response = await client
      .post(urlFor('password_reset.store'))
      .form({ email: 'nobody@example.fi' })
      .withCsrfToken()
    response.assertTextIncludes('Jos osoitteella on Kaikukanta-tunnus')
    assert.equal(fakeSmtp.inbox.length, before)
  })
})

test.group('Language', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('Finnish by default; the chosen language is remembered', async ({ client, assert }) => {
    const finnish = await client.get(urlFor('session.create'))
    assert.include(finnish.text(), '<html lang="fi">')

    const choose = await client
      .post(urlFor('language.update'))
      .form({ locale: 'sv', returnTo: urlFor('session.create') })
      .withCsrfToken()
      .redirects(0)
    choose.assertHeader('location', urlFor('session.create'))
    assert.equal(choose.cookie('kaikukanta-locale')?.value, 'sv')

    const swedish = await client
      .get(urlFor('session.create'))
      .withPlainCookie('kaikukanta-locale', 'sv')
    assert.include(swedish.text(), '<html lang="sv">')
  })

  test('validation messages follow the page language', async ({ client }) => {
    const user = await createUser('distributor')
    const response = await client
      .post(urlFor('cards.store'))
      .form({
        type: 'personal',
        birthYear: '',
        postalCode: '33100',
        childrenCount: '0',
        consent: 'on',
        submissionKey: crypto.randomUUID(),
      })
      .withCsrfToken()
      .withPlainCookie('kaikukanta-locale', 'en')
      .loginAs(user)
      .header('referer', urlFor('cards.create'))
    response.assertTextIncludes('<title>Error: ')
  })

  test('an unknown language falls back to Finnish, and returnTo cannot point off-site', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post(urlFor('language.update'))
      .form({ locale: 'xx', returnTo: '//evil.example' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', urlFor('front_door'))
    assert.equal(response.cookie('kaikukanta-locale')?.value, 'fi')
  })
})

test.group('Password reset rationing', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a fourth reset request for one address within an hour is refused and sends nothing', async ({
    client,
    assert,
  }) => {
    const user = await createUser('distributor')
    for (let attempt = 0; attempt < 3; attempt++) {
      await client.post(urlFor('password_reset.store')).form({ email: user.email }).withCsrfToken()
    }
    const sent = fakeSmtp.inbox.filter((mail) => mail.to.includes(user.email)).length
    assert.equal(sent, 3)
    const refused = await client
      .post(urlFor('password_reset.store'))
      .form({ email: user.email })
      .withCsrfToken()
    refused.assertTextIncludes('Olet pyytänyt uutta salasanaa monta kertaa')
    refused.assertTextIncludes(`value="${user.email}"`)
    assert.equal(fakeSmtp.inbox.filter((mail) => mail.to.includes(user.email)).length, 3)
  })
})
