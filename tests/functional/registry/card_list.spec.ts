import { test } from '@japa/runner'
import env from '#start/env'
import testUtils from '@adonisjs/core/services/test_utils'
import Card from '#registry/models/card'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { formatCardCode, generateCardCode } from '#registry/services/card_code'
import { urlFor } from '@adonisjs/core/services/url_builder'

test.group("The distributor's card list", (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test("lists only the organisation's own cards", async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const other = await createUser('distributor')
    const own = await issueCard(distributor)
    const foreign = await issueCard(other)
    const response = await client.get(urlFor('cards.index')).loginAs(distributor)
    response.assertStatus(200)
    assert.include(response.text(), formatCardCode(own.code))
    assert.notInclude(response.text(), formatCardCode(foreign.code))
    assert.include(response.text(), '1 kortti')
  })

  test('finds a card by the first characters of its code, typed loosely', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const cards = await Promise.all([
      issueCard(distributor),
      issueCard(distributor),
      issueCard(distributor),
    ])
    const target = cards[1]
    const typed = formatCardCode(target.code).slice(0, 5).toLowerCase()
    const response = await client.get(urlFor('cards.index')).qs({ q: typed }).loginAs(distributor)
    assert.include(response.text(), formatCardCode(target.code))
    for (const card of cards) {
      if (card.code.slice(0, 4) !== target.code.slice(0, 4))
        assert.notInclude(response.text(), formatCardCode(card.code))
    }
  })

  test('a whole code with a wrong check character is reported as a typo', async ({ client }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const last = card.code[8] === '0' ? '1' : '0'
    const response = await client
      .get(urlFor('cards.index'))
      .qs({ q: card.code.slice(0, 8) + last })
      .loginAs(distributor)
    response.assertTextIncludes('tarkistusmerkki ei täsmää')
    response.assertTextIncludes('Ei kortteja')
  })

  test('a well-formed code that the organisation has not issued says so, without a typo warning', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    await issueCard(distributor)
    const unknown = generateCardCode()
    const response = await client.get(urlFor('cards.index')).qs({ q: unknown }).loginAs(distributor)
    response.assertTextIncludes('Ei kortteja')
    response.assertTextIncludes('Tällä koodilla ei ole organisaatiosi rekisteröimää korttia.')
    assert.notInclude(response.text(), 'tarkistusmerkki ei täsmää')
  })

  test('filters by status, validity and issue date, dates also typed the Finnish way', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const valid = await issueCard(distributor)
    const expired = await issueCard(distributor)
    const ended = await issueCard(distributor)
    await Card.query()
      .where('id', expired.id)
      .update({ issued_on: '2020-01-10', valid_until: '2021-01-10' })
    await Card.query().where('id', ended.id).update({ status: 'ended' })

    const validOnly = await client
      .get(urlFor('cards.index'))
      .qs({ validity: 'valid' })
      .loginAs(distributor)
    assert.include(validOnly.text(), formatCardCode(valid.code))
    assert.notInclude(validOnly.text(), formatCardCode(expired.code))
    assert.notInclude(validOnly.text(), formatCardCode(ended.code))

    const endedOnly = await client
      .get(urlFor('cards.index'))
      .qs({ status: 'ended' })
      .loginAs(distributor)
    assert.include(endedOnly.text(), formatCardCode(ended.code))
    assert.notInclude(endedOnly.text(), formatCardCode(valid.code))

    const in2020 = await client
      .get(urlFor('cards.index'))
      .qs({ issuedFrom: '2020-01-01', issuedTo: '31.12.2020' })
      .loginAs(distributor)
    assert.include(in2020.text(), formatCardCode(expired.code))
    assert.notInclude(in2020.text(), formatCardCode(valid.code))
  })

  test('a malformed date filter says so next to the results and keeps what was typed', async ({
    client,
  }) => {
    const distributor = await createUser('distributor')
    const response = await client
      .get(urlFor('cards.index'))
      .qs({ issuedFrom: '2026-02-31' })
      .loginAs(distributor)
    response.assertStatus(200)
    response.assertTextIncludes('Alkupäivä ei ole oikea päivämäärä')
    response.assertTextIncludes('value="2026-02-31"')
  })

  test('pages through many cards, keeping the filters in the page links', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    for (let index = 0; index < 27; index++) await issueCard(distributor)
    const first = await client
      .get(urlFor('cards.index'))
      .qs({ status: 'active' })
      .loginAs(distributor)
    assert.include(first.text(), 'Sivu 1 / 2')
    assert.match(first.text(), /href="\/cards\?status=active&(amp;)?page=2"/)
    const second = await client
      .get(urlFor('cards.index'))
      .qs({ status: 'active', page: 2 })
      .loginAs(distributor)
    assert.include(second.text(), 'Sivu 2 / 2')
    assert.equal((second.text().match(/href="\/cards\/\d+"/g) ?? []).length, 2)
  })

  test('answers an htmx search with the results fragment only', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const response = await client
      .get(urlFor('cards.index'))
      .qs({ q: card.code.slice(0, 3) })
      .header('HX-Request', 'true')
      .header('HX-Target', 'card-results')
      .loginAs(distributor)
    assert.notInclude(response.text(), '<html')
    assert.include(response.text(), formatCardCode(card.code))
    assert.include(response.text(), 'data-announce=')
  })

  test('venue users and ticket agents have no card list', async ({ client }) => {
    for (const role of ['venue', 'ticket_agent'] as const) {
      const response = await client.get(urlFor('cards.index')).loginAs(await createUser(role))
      response.assertStatus(404)
    }
  })

  test('the printable card shows the code as text, QR code and barcode', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const response = await client.get(urlFor('cards.print', { id: card.id })).loginAs(distributor)
    assert.include(response.text(), formatCardCode(card.code))
    assert.equal((response.text().match(/<svg/g) ?? []).length, 2)
    assert.include(response.text(), `QR-koodi, koodi ${formatCardCode(card.code)}`)
    // Where the card works, with an address to type from paper.
    const host = new URL(env.get('APP_URL')).host
    assert.include(response.text(), 'Korttia voi käyttää kaikissa Kaikukortti-kohteissa')
    assert.include(
      response.text(),
      `Kohteet ja tarjoukset: ${host}${urlFor('public_offers.index')}`
    )
  })
})
