import { cardRefusalIn } from '#tests/helpers/registration_scene'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import PrintRun from '#registry/models/print_run'
import { cancelPrintRun } from '#registry/services/print_runs'
import { createArea, createUser } from '#tests/helpers/fixtures'
import {
  countUses,
  createOccurrence,
  createOffer,
  registrationForm,
} from '#tests/helpers/offer_fixtures'
import { codesOf, readyRun } from '#tests/helpers/print_runs'

/*
| A printed card that no distributor has registered yet, or one from a
| cancelled print run: the box office says which, in words.
*/
test.group('Box office: printed codes', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('an unregistered printed code and a cancelled one are refused in words, and nothing is written', async ({
    client,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const occurrence = await createOccurrence(await createOffer(venue))
    const { area } = await createArea()
    const admin = await createUser('admin')
    const live = await readyRun(admin, area, { quantity: 2 })
    const cancelled = await readyRun(admin, area, { quantity: 2 })
    await cancelPrintRun(await PrintRun.findOrFail(cancelled.id))
    const before = await countUses()

    const cases: Array<[string, string, string]> = [
      [(await codesOf(live))[0], 'fi', 'Tätä korttia ei ole vielä rekisteröity.'],
      [(await codesOf(cancelled))[0], 'fi', 'Tämä kortti on peruttu'],
      [(await codesOf(live))[1], 'sv', 'Det här kortet har inte registrerats ännu.'],
      [(await codesOf(cancelled))[1], 'en', 'This card was cancelled'],
    ]
    for (const [code, locale, message] of cases) {
      const page = await client
        .post(urlFor('registrations.store'))
        .form(registrationForm(code, `occurrence-${occurrence.id}`))
        .withCsrfToken()
        .withPlainCookie('kaikukanta-locale', locale)
        .header('referer', urlFor('registrations.create'))
        .loginAs(venueUser)
      assert.include(cardRefusalIn(page.text()), message, code)
    }
    assert.equal(await countUses(), before)
  })
})
