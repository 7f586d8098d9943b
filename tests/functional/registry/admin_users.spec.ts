import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import User from '#registry/models/user'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'

const countUsers = async () => Number((await User.query().count('* as total'))[0].$extras.total)

test.group('Administration: staff users', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a new user is invited by e-mail and sets their own password with the link', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const organisation = await createOrganisation('distributor')
    const response = await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Uusi Jakaja',
        email: 'Uusi.Jakaja@Example.fi',
        role: 'distributor',
        organisationId: organisation.id,
      })
      .withCsrfToken()
      .loginAs(admin)
    response.assertTextIncludes('Kutsu lähetettiin osoitteeseen uusi.jakaja@example.fi')
    const user = await User.findByOrFail('email', 'uusi.jakaja@example.fi')
    assert.equal(user.organisationId, organisation.id)

    const mail = fakeSmtp.lastTo('uusi.jakaja@example.fi')!
    assert.include(mail.text, 'Kaikukanta: tunnuksesi on luotu')
    const path = mail.text.match(/\/password\/reset\/[A-Za-z0-9_-]+/)![0]
    await client
      .post(path)
      .form({ password: 'my own passphrase', passwordConfirmation: 'my own passphrase' })
      .withCsrfToken()
    assert.isTrue(await hash.verify((await User.findOrFail(user.id)).password, 'my own passphrase'))
  })

  test('when the invitation cannot be sent, no account is left behind', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const before = await countUsers()
    await fakeSmtp.stop()
    try {
      const response = await client
        .post(urlFor('users.store'))
        .form({ fullName: 'Ei Postia', email: 'eipostia@example.fi', role: 'admin' })
        .withCsrfToken()
        .loginAs(admin)
      response.assertStatus(500)
    } finally {
      await fakeSmtp.start(env.get('SMTP_PORT', 2526))
    }
    assert.equal(await countUsers(), before)
    assert.isNull(await User.findBy('email', 'eipostia@example.fi'))
  })

  test('the national centre creates an area coordinator for an area', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Alue Vastaava',
        email: 'alue@example.fi',
        role: 'area_coordinator',
        areaId: area.id,
        coordinatorSide: 'both',
      })
      .withCsrfToken()
      .loginAs(admin)
    const coordinator = await User.findByOrFail('email', 'alue@example.fi')
    assert.equal(coordinator.areaId, area.id)
    assert.isNull(coordinator.organisationId)
    assert.equal(coordinator.coordinatorSide, 'both')
  })

  test("a coordinator adds users only to their own area's organisations, and never admins or coordinators", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const own = await createOrganisation('venue', area)
    const foreign = await createOrganisation('venue')
    const before = await countUsers()

    const admin = await client
      .post(urlFor('users.store'))
      .form({ fullName: 'Pyrkijä', email: 'p@example.fi', role: 'admin' })
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('users.create'))
    admin.assertTextIncludes('Vain Kaikukeskus voi antaa tämän roolin.')
    admin.assertTextIncludes('value="Pyrkijä"')

    const outside = await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Pyrkijä',
        email: 'p@example.fi',
        role: 'venue',
        organisationId: foreign.id,
      })
      .withCsrfToken()
      .loginAs(coordinator)
    outside.assertTextIncludes('Valitse organisaatio omalta alueeltasi.')

    const wrongType = await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Pyrkijä',
        email: 'p@example.fi',
        role: 'distributor',
        organisationId: own.id,
      })
      .withCsrfToken()
      .loginAs(coordinator)
    wrongType.assertTextIncludes('Organisaation tyyppi ei sovi rooliin.')
    assert.equal(await countUsers(), before)

    await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Kohteen Käyttäjä',
        email: 'k@example.fi',
        role: 'venue',
        organisationId: own.id,
      })
      .withCsrfToken()
      .loginAs(coordinator)
    assert.equal(await countUsers(), before + 1)
  })

  test("another area's user is 404 to a coordinator and cannot be changed", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const stranger = await createUser('distributor')
    ;(
      await client.get(urlFor('users.edit', { id: stranger.id })).loginAs(coordinator)
    ).assertStatus(404)
    const post = await client
      .put(urlFor('users.update', { id: stranger.id }))
      .form({
        fullName: 'Changed',
        email: stranger.email,
        role: 'distributor',
        organisationId: stranger.organisationId!,
      })
      .withCsrfToken()
      .loginAs(coordinator)
    post.assertStatus(404)
    assert.equal((await User.findOrFail(stranger.id)).fullName, stranger.fullName)
    const list = await client.get(urlFor('users.index')).loginAs(coordinator)
    assert.notInclude(list.text(), stranger.email)
  })

  test('a taken e-mail is refused next to the field with the input kept', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const existing = await createUser('venue')
    const before = await countUsers()
    const response = await client
      .post(urlFor('users.store'))
      .form({ fullName: 'Toinen', email: existing.email.toUpperCase(), role: 'admin' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('users.create'))
    response.assertTextIncludes('Tällä sähköpostiosoitteella on jo tunnus.')
    response.assertTextIncludes('value="Toinen"')
    assert.equal(await countUsers(), before)
  })

  test('missing name and a malformed e-mail are refused, nothing written', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const before = await countUsers()
    const response = await client
      .post(urlFor('users.store'))
      .form({ fullName: '', email: 'not-an-address', role: 'admin' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('users.create'))
    response.assertTextIncludes('Kirjoita käyttäjän nimi.')
    response.assertTextIncludes('Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.')
    assert.equal(await countUsers(), before)
  })

  test('a user taken out of use can no longer sign in; nobody can take out their own account', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const user = await createUser('distributor')
    await client
      .put(urlFor('users.update', { id: user.id }))
      .form({
        fullName: user.fullName,
        email: user.email,
        role: 'distributor',
        organisationId: user.organisationId!,
      })
      .withCsrfToken()
      .loginAs(admin)
    assert.isFalse(Boolean((await User.findOrFail(user.id)).active))
    const signIn = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: 'correct horse battery' })
      .withCsrfToken()
    signIn.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')

    const self = await client
      .put(urlFor('users.update', { id: admin.id }))
      .form({ fullName: admin.fullName, email: admin.email, role: 'admin' })
      .withCsrfToken()
      .loginAs(admin)
    self.assertTextIncludes('Et voi poistaa omaa tunnustasi käytöstä.')
    assert.isTrue(Boolean((await User.findOrFail(admin.id)).active))
  })

  test('the user list finds people by name or e-mail and filters by role', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const venueUser = await createUser('venue')
    const distributorUser = await createUser('distributor')
    const byEmail = await client
      .get(urlFor('users.index'))
      .qs({ q: venueUser.email.slice(0, 12) })
      .loginAs(admin)
    assert.include(byEmail.text(), venueUser.email)
    assert.notInclude(byEmail.text(), distributorUser.email)
    const byRole = await client
      .get(urlFor('users.index'))
      .qs({ role: 'distributor' })
      .loginAs(admin)
    assert.include(byRole.text(), distributorUser.email)
    assert.notInclude(byRole.text(), venueUser.email)
  })

  test('distributor, venue and ticket-agent users have no user administration', async ({
    client,
  }) => {
    for (const role of ['distributor', 'venue', 'ticket_agent'] as const) {
      ;(await client.get(urlFor('users.index')).loginAs(await createUser(role))).assertStatus(404)
    }
  })
})
