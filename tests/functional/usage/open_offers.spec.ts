import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import CardUse from '#usage/models/card_use'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { countUses, createOccurrence, registrationForm } from '#tests/helpers/offer_fixtures'
import { today } from '#core/services/time'
import { register, scene, show } from '#tests/helpers/registration_scene'

test.group('Registering a use: open offers', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('library fees: euros as typed, up to the yearly cap', async ({ client, assert }) => {
    const s = await scene({ type: 'library_fees', yearlyEuroCap: 20 })
    const choice = `offer-${s.offer.id}`
    const first = await register(
      client,
      s.venueUser,
      registrationForm(s.card.code, choice, { amount: '15,50' })
    )
    first.assertTextIncludes('Kirjattu: kortti')
    const use = await CardUse.findByOrFail('card_code', s.card.code)
    assert.equal(use.amountCents, 1550)
    assert.isNull(use.occurrenceId)

    const before = await countUses()
    const noAmount = await register(client, s.venueUser, registrationForm(s.card.code, choice, {}))
    noAmount.assertTextIncludes('Kirjaston maksun summa puuttuu.')
    assert.include(noAmount.text(), 'id="amount-error"')
    assert.equal(await countUses(), before)

    const over = await register(
      client,
      s.venueUser,
      registrationForm(s.card.code, choice, { amount: '5' })
    )
    over.assertTextIncludes('Vuoden raja on 20 euroa; kortilla on jäljellä 4,50 euroa.')
    assert.include(over.text(), 'id="amount-error"')
    const malformed = await register(
      client,
      s.venueUser,
      registrationForm(s.card.code, choice, { amount: '4,5,0' })
    ).header('referer', urlFor('registrations.create'))
    malformed.assertTextIncludes('Kirjoita summa euroina, esimerkiksi 4,50.')
    assert.equal(await countUses(), before)

    const exact = await register(
      client,
      s.venueUser,
      registrationForm(s.card.code, choice, { amount: '4.50' })
    )
    exact.assertTextIncludes('Kirjattu: kortti')
    assert.equal(await countUses(), before + 1)
  })

  test('an exhibition: the day of the visit within its period, never in the future', async ({
    client,
    assert,
  }) => {
    const s = await scene({
      type: 'exhibition',
      availableFrom: today().minus({ days: 10 }),
      availableUntil: today().plus({ days: 10 }),
    })
    const choice = `offer-${s.offer.id}`
    const before = await countUses()
    const cases: Array<[string, string]> = [
      [today().plus({ days: 1 }).toISODate()!, 'Käyntipäivä ei voi olla tulevaisuudessa.'],
      [today().minus({ days: 11 }).toFormat('d.M.yyyy'), 'Tarjous ei ole saatavilla sinä päivänä.'],
    ]
    for (const [usedOn, message] of cases) {
      const page = await register(
        client,
        s.venueUser,
        registrationForm(s.card.code, choice, { usedOn })
      )
      page.assertTextIncludes(message)
      assert.include(page.text(), 'id="usedOn-error"')
    }
    assert.equal(await countUses(), before)

    // Registered afterwards for yesterday's visit: the card must have been valid then.
    s.card.issuedOn = today().minus({ days: 30 })
    await s.card.save()
    const yesterday = today().minus({ days: 1 })
    const ok = await register(
      client,
      s.venueUser,
      registrationForm(s.card.code, choice, { usedOn: yesterday.toISODate(), childrenCount: '1' })
    )
    ok.assertTextIncludes('Kirjattu: kortti')
    const use = await CardUse.findByOrFail('card_code', s.card.code)
    assert.equal(use.usedOn.toISODate(), yesterday.toISODate())
    assert.equal(use.places, 2)
  })

  test('weekend shows, when the offer excludes them', async ({ client, assert }) => {
    const s = await scene({ weekendsExcluded: true })
    const saturday = today().plus({ days: (6 - today().weekday + 7) % 7 || 7 })
    const monday = saturday.plus({ days: 2 })
    const onSaturday = await createOccurrence(s.offer, {
      daysAhead: saturday.diff(today(), 'days').days,
    })
    const onMonday = await createOccurrence(s.offer, {
      daysAhead: monday.diff(today(), 'days').days,
    })
    const before = await countUses()
    const refused = await register(
      client,
      s.venueUser,
      registrationForm(s.card.code, show(onSaturday))
    )
    refused.assertTextIncludes('Kortti ei käy tämän tarjouksen viikonloppuesityksiin.')
    assert.equal(await countUses(), before)
    const ok = await register(client, s.venueUser, registrationForm(s.card.code, show(onMonday)))
    ok.assertTextIncludes('Kirjattu: kortti')
  })
})
