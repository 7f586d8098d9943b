import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import Organisation from '#registry/models/organisation'
import { cardForm, createUser, issueCard } from '#tests/helpers/fixtures'
import { createPrintRun } from '#tests/helpers/print_fixtures'

/** The one element (start tag) with this id, or ''. */
const tagWithId = (html: string, id: string) =>
  new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? ''

test.group('The card form and the card page, as laid out', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a fresh form takes focus to its first field: the printed code, or the birth year for a new code', async ({
    client,
    assert,
  }) => {
    const withoutPrinted = await createUser('distributor')
    const plain = (await client.get(urlFor('cards.create')).loginAs(withoutPrinted)).text()
    assert.include(tagWithId(plain, 'birthYear'), 'autofocus')
    assert.notInclude(tagWithId(plain, 'code'), 'autofocus')
    assert.lengthOf(plain.match(/\sautofocus/g) ?? [], 1)

    const withPrinted = await createUser('distributor')
    const organisation = await Organisation.findOrFail(withPrinted.organisationId)
    await createPrintRun({ id: organisation.areaId! })
    const printed = (await client.get(urlFor('cards.create')).loginAs(withPrinted)).text()
    assert.include(tagWithId(printed, 'code'), 'autofocus')
    assert.lengthOf(printed.match(/\sautofocus/g) ?? [], 1)
  })

  test('after a refusal the error summary has focus, and no field; htmx checks never carry it', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const refused = await client
      .post(urlFor('cards.store'))
      .form(cardForm({ birthYear: '' }))
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', urlFor('cards.create'))
    assert.include(refused.text(), 'id="birthYear-error"')
    assert.notMatch(refused.text(), /\sautofocus/)

    const check = await client
      .post(urlFor('cards.check_field'))
      .form(cardForm({ birthYear: '1984' }))
      .withCsrfToken()
      .header('HX-Request', 'true')
      .header('HX-Trigger-Name', 'birthYear')
      .loginAs(distributor)
    assert.notMatch(check.text(), /\sautofocus/)
  })

  test('the voluntary part is marked and one link skips it to the consent', async ({
    client,
    assert,
  }) => {
    const html = (
      await client.get(urlFor('cards.create')).loginAs(await createUser('distributor'))
    ).text()
    const part = /<section class="optional-part[^"]*"[^>]*>([\s\S]*?)<\/section>/.exec(html)![1]
    assert.include(part, 'Vapaaehtoiset tiedot')
    assert.include(part, 'voi ohittaa')
    assert.include(part, '<a href="#consent-heading"')
    for (const field of ['motherTongues', 'gender', 'lifeSituation', 'swb'])
      assert.include(part, `name="${field}`)
    for (const field of ['birthYear', 'postalCode', 'childrenCount', 'consent', 'residesInArea'])
      assert.notInclude(part, `name="${field}"`)
    // The link's target takes focus, so the next Tab goes on from the consent.
    assert.include(tagWithId(html, 'consent-heading'), 'tabindex="-1"')
    assert.isBelow(html.indexOf('name="childrenCount"'), html.indexOf('class="optional-part'))
    assert.isAbove(html.indexOf('name="consent"'), html.indexOf('id="consent-heading"'))
  })

  test('the card page: print and OmaKaiku first, the changes that end the card apart at the bottom', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const html = (
      await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    ).text()
    const main = html.slice(html.indexOf('<main'))
    const print = main.indexOf(`class="button" href="${urlFor('cards.print', { id: card.id })}"`)
    const activate = main.indexOf(
      `class="button" href="${urlFor('activations.create', { id: card.id })}"`
    )
    assert.isAbove(print, 0)
    assert.isAbove(activate, print)
    assert.isBelow(activate, main.indexOf('class="summary-list"'))

    const ending = /<section class="danger-zone"[^>]*>([\s\S]*?)<\/section>/.exec(main)!
    assert.include(ending[1], 'Kortin lopettaminen')
    for (const change of ['replace', 'end', 'withdraw', 'consent']) {
      assert.include(
        ending[1],
        `class="button button--destructive" href="${urlFor('card_changes.edit', { id: card.id, change })}"`
      )
      // Nowhere else on the page.
      assert.equal(
        main.split(urlFor('card_changes.edit', { id: card.id, change })).length - 1,
        1,
        change
      )
    }
    assert.isAbove(main.indexOf('class="danger-zone"'), main.lastIndexOf('<table'))
    // Correcting and extending stay with the other actions.
    assert.notInclude(ending[1], urlFor('card_changes.edit', { id: card.id, change: 'extend' }))
    assert.notInclude(ending[1], urlFor('card_changes.edit', { id: card.id, change: 'correct' }))

    // A holder with OmaKaiku: nothing to activate; ended: only withdrawal and consent remain.
    card.merge({ omakaikuAccountAt: DateTime.now(), status: 'ended' })
    await card.save()
    const later = (
      await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    ).text()
    assert.notInclude(later, 'Aktivoi OmaKaiku')
    const endedZone = /<section class="danger-zone"[^>]*>([\s\S]*?)<\/section>/.exec(later)![1]
    assert.notInclude(endedZone, urlFor('card_changes.edit', { id: card.id, change: 'end' }))
    assert.include(endedZone, urlFor('card_changes.edit', { id: card.id, change: 'withdraw' }))
  })
})
