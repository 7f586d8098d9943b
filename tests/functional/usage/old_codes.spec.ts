import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import Account from '#omakaiku/models/account'
import CardUse from '#usage/models/card_use'
import CardCheckService from '#registry/services/card_check_service'
import CardService from '#registry/services/card_service'
import { checkCharacter } from '#registry/services/card_code'
import { findCardCode } from '#registry/services/card_code_lookup'
import { countUses, registrationForm } from '#tests/helpers/offer_fixtures'
import { cardRefusalIn, register, scene, show } from '#tests/helpers/registration_scene'
import { cardLine, giveSourceId, importCardLines } from '#tests/helpers/card_import'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { HolderBrowser } from '#tests/helpers/holder'

/*
| Cards imported from the old register keep their old codes (config/card_codes.ts).
| At the box office, in the card check, in the distributor's card search and
| so in OmaKaiku activation, an old code works exactly like a new one.
*/

/** Imports old-code cards issued by the organisation, as the cards import would. */
async function importOldCards(organisationId: number, lines: Array<Record<string, string>>) {
  const sourceId = await giveSourceId(organisationId)
  const { outcomes } = await importCardLines(lines.map((line) => cardLine(sourceId, line)))
  if (outcomes.some((outcome) => outcome !== 'add')) throw new Error(JSON.stringify(outcomes))
}

/** Nine characters that fail today's check: a mistyped new code, or an old code. */
const failingCheck = (data: string) => data + (checkCharacter(data) === 'A' ? 'B' : 'A')

test.group('Old codes from the old register', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('an imported old code registers a use at the box office, typed as on the card or loosely', async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 10 })
    await importOldCards(s.distributor.organisationId!, [
      { code: 'KK001234' },
      { code: '123456' },
      // The old register had no look-alike rule: an O is an O, and a 0 a 0.
      { code: 'KOKI1234' },
      { code: 'K0K11235' },
    ])
    const typed: Array<[string, string]> = [
      ['kk-001 234', 'KK001234'],
      ['123 456', '123456'],
      ['koki1234', 'KOKI1234'],
      ['KOKI-1235', 'K0K11235'],
    ]
    for (const [code, stored] of typed) {
      const page = await register(
        client,
        s.venueUser,
        registrationForm(code, show(s.occurrence), { childrenCount: '1' })
      )
      // Shown as on the holder's card, not in groups of three.
      page.assertTextIncludes(`Kirjattu: kortti ${stored}`)
      const use = await CardUse.query().where('card_code', stored).firstOrFail()
      assert.equal(use.places, 2)
      assert.equal(use.occurrenceId, s.occurrence.id)
    }
  })

  test('the card check answers for an old code as for a new one: valid, ended, replaced', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    await importOldCards(s.distributor.organisationId!, [
      { code: 'KK001234', children_count: '2' },
      { code: '654321', status: 'ended', ended_on: '1.3.2024' },
      { code: 'KK005555' },
    ])
    const found = await findCardCode('kk 001 234')
    assert.deepEqual(found, { ok: true, code: 'KK001234' })
    const check = await new CardCheckService().check('KK001234')
    assert.equal(check.status, 'valid')
    assert.equal(check.type, 'personal')
    assert.equal(check.childrenCount, 2)

    const ended = await register(
      client,
      s.venueUser,
      registrationForm('654321', show(s.occurrence))
    )
    ended.assertTextIncludes('Kortti on päättynyt. Sitä ei voi käyttää.')

    // A lost old card moves to a new code; the old one is answered as replaced.
    const lost = await Card.findByOrFail('code', 'KK005555')
    await new CardService().replace(
      lost,
      { codeSource: 'new', revision: lost.revision, submissionKey: randomUUID() },
      s.distributor
    )
    assert.deepEqual(await findCardCode('kk005555'), { ok: true, code: 'KK005555' })
    assert.equal((await new CardCheckService().check('KK005555')).status, 'replaced')
    const replaced = await register(
      client,
      s.venueUser,
      registrationForm('kk-005 555', show(s.occurrence))
    )
    replaced.assertTextIncludes('Tämä kortti on korvattu uudella kortilla')
  })

  test('a mistyped new code still hears of its check character; an unknown old-looking code is refused as today', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    await importOldCards(s.distributor.organisationId!, [{ code: 'KK001234' }])
    const before = await countUses()
    const mistyped = failingCheck(s.card.code.slice(0, 8))
    const cases: Array<[string, string]> = [
      [mistyped, 'Koodissa on kirjoitusvirhe: viimeinen merkki ei täsmää.'],
      [failingCheck('KK001234'), 'Koodissa on kirjoitusvirhe: viimeinen merkki ei täsmää.'],
      ['KK009999', 'Kortin koodissa on 9 merkkiä.'],
      ['9999', 'Kortin koodissa on 9 merkkiä.'],
      ['KK00-1234-ÄÄ', 'Koodissa on merkki, jota korttikoodeissa ei ole.'],
    ]
    for (const [code, message] of cases) {
      const page = await register(
        client,
        s.venueUser,
        registrationForm(code, show(s.occurrence))
      ).header('referer', urlFor('registrations.create'))
      assert.include(cardRefusalIn(page.text()), message, code)
    }
    assert.equal(await countUses(), before)
  })

  test('the distributor finds an old card by its code and activates OmaKaiku for it', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const nineCharacters = failingCheck('KK001234')
    await importOldCards(s.distributor.organisationId!, [
      { code: 'KK001234' },
      { code: nineCharacters },
    ])
    const card = await Card.findByOrFail('code', 'KK001234')

    const search = await client
      .get(urlFor('cards.index'))
      .qs({ q: 'kk-001 234' })
      .loginAs(s.distributor)
    search.assertTextIncludes('KK001234')
    search.assertTextIncludes(urlFor('cards.show', { id: card.id }))
    // A whole old code of nine characters is no typo, though it fails today's check.
    const whole = await client
      .get(urlFor('cards.index'))
      .qs({ q: nineCharacters.toLowerCase() })
      .loginAs(s.distributor)
    whole.assertTextIncludes(nineCharacters)
    assert.notInclude(whole.text(), 'tarkistusmerkki ei täsmää')

    const organisation = await Organisation.findOrFail(s.distributor.organisationId)
    const email = `old.card.${Date.now()}@example.fi`
    const activated = await client
      .post(urlFor('activations.store', { id: card.id }))
      .header('referer', urlFor('activations.create', { id: card.id }))
      .form({
        firstName: 'Aino',
        lastName: 'Virtanen',
        email,
        municipalityId: String(organisation.municipalityId),
        locale: 'fi',
      })
      .withCsrfToken()
      .loginAs(s.distributor)
      .redirects(0)
    activated.assertHeader('location', urlFor('cards.show', { id: card.id }))
    const account = await Account.findByOrFail('card_code', 'KK001234')
    assert.isNotNull((await Card.findOrFail(card.id)).omakaikuAccountAt)

    // The holder sets a password from the e-mail and sees the card as it is printed.
    const link = /http:\/\/[^\s]+\/oma\/password\/set\/[A-Za-z0-9_-]+/.exec(
      fakeSmtp.lastTo(email)!.text
    )![0]
    const holder = new HolderBrowser(client)
    await holder.get(new URL(link).pathname)
    await holder.post(new URL(link).pathname, {
      password: 'red bus goes north',
      passwordConfirmation: 'red bus goes north',
    })
    await holder.signIn(account.email!, 'red bus goes north')
    const myCard = await holder.get(urlFor('my_card.show'))
    myCard.assertStatus(200)
    myCard.assertTextIncludes('KK001234')
  })

  test('an old code a card holds is "already registered" in the printed-card field', async ({
    client,
  }) => {
    const s = await scene()
    await importOldCards(s.distributor.organisationId!, [{ code: 'KK001234' }])
    const check = await client
      .post(urlFor('cards.check_field'))
      .form({ codeSource: 'printed', code: 'kk-001234', type: 'personal' })
      .header('hx-request', 'true')
      .header('hx-trigger-name', 'code')
      .withCsrfToken()
      .loginAs(s.distributor)
    check.assertTextIncludes('Tämä kortti on jo rekisteröity.')
  })
})
