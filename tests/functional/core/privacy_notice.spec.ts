import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import retentionConfig from '#config/retention'
import privacyConfig from '#config/privacy'
import { LOCALE_COOKIE } from '#core/services/locale'
import { createUser, issueCard } from '#tests/helpers/fixtures'

test.group('The privacy notice', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('says what Kaikukanta and OmaKaiku store, with the periods and the threshold from their settings, in every language', async ({
    client,
  }) => {
    const page = await client.get(urlFor('pages.privacy'))
    page.assertStatus(200)
    page.assertTextIncludes('Kaikukantaan ei tallenneta nimeäsi, henkilötunnustasi')
    page.assertTextIncludes(`${retentionConfig.cardBackground.kept.years} vuoden kuluttua`)
    page.assertTextIncludes(`${retentionConfig.outboxMessages.kept.days} päivän kuluttua`)
    page.assertTextIncludes(`alle ${privacyConfig.smallestShown} henkilöä`)
    const swedish = await client.get(urlFor('pages.privacy')).withPlainCookie(LOCALE_COOKIE, 'sv')
    swedish.assertTextIncludes('Dataskyddsbeskrivning')
    const english = await client.get(urlFor('pages.privacy')).withPlainCookie(LOCALE_COOKIE, 'en')
    english.assertTextIncludes('are never stored in Kaikukanta')
  })

  test('is linked from every page, the card form and OmaKaiku activation', async ({ client }) => {
    const link = `href="${urlFor('pages.privacy')}`
    ;(await client.get(urlFor('front_door'))).assertTextIncludes(link)
    ;(await client.get(urlFor('holder_session.create'))).assertTextIncludes(link)
    const distributor = await createUser('distributor')
    const form = await client.get(urlFor('cards.create')).loginAs(distributor)
    form.assertTextIncludes(`${link}#registry"`)
    const card = await issueCard(distributor)
    const activation = await client
      .get(urlFor('activations.create', { id: card.id }))
      .loginAs(distributor)
    activation.assertTextIncludes(`${link}#omakaiku"`)
  })
})
