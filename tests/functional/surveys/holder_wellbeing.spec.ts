import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Card from '#registry/models/card'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import type { ApiClient } from '@japa/api-client'
import { urlFor } from '@adonisjs/core/services/url_builder'

const who5 = (values: (number | string)[]) =>
  Object.fromEntries(values.map((value, index) => [`who5_${index + 1}`, String(value)]))
const participation = (values: (number | string)[]) =>
  Object.fromEntries(values.map((value, index) => [`participation_${index + 1}`, String(value)]))

async function signedInHolder(client: ApiClient) {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const account = await createHolder(card)
  const browser = await HolderBrowser.signedIn(client, account.email)
  return { card, account, browser, distributor }
}

const omaKaikuAnswers = (card: Card) =>
  WellbeingResponse.query().where('card_id', card.id).where('context', 'omakaiku').orderBy('id')

test.group('Wellbeing questionnaires in OmaKaiku', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the card page invites; WHO-5 answered alone is scored and linked to the card; a second answer this card year is refused', async ({
    client,
    assert,
  }) => {
    const { card, browser, distributor } = await signedInHolder(client)
    const holderCardPage = await browser.get(urlFor('my_card.show'))
    holderCardPage.assertTextIncludes('Kertoisitko, miten voit?')

    const form = await browser.get(urlFor('wellbeing.show'))
    form.assertTextIncludes('Olen ollut iloinen ja hyväntuulinen')
    form.assertTextIncludes('Tunnen, että päivittäiset tekemiseni ovat merkityksellisiä.')
    form.assertTextIncludes('5 – Kaiken aikaa')

    const response = await browser.post(
      urlFor('wellbeing.store'),
      who5([5, 4, 3, 2, 1]),
      urlFor('wellbeing.show')
    )
    // The distributor's card page shows the answers given at the desk, not these.
    const cardPage = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    cardPage.assertTextIncludes('Koettu hyvinvointi (SWB)')
    assert.notInclude(cardPage.text(), 'WHO-5')
    response.assertHeader('location', urlFor('my_card.show'))
    const answers = await omaKaikuAnswers(card)
    assert.deepEqual(
      answers.map((answer) => [answer.instrument, answer.rawScore]),
      [['who5', 15]]
    )
    assert.notInclude(
      (await browser.get(urlFor('my_card.show'))).text(),
      'Kertoisitko, miten voit?'
    )

    const again = await browser.post(
      urlFor('wellbeing.store'),
      participation(Array(10).fill(2)),
      urlFor('wellbeing.show')
    )
    again.assertHeader('location', urlFor('wellbeing.show'))
    ;(await browser.get(urlFor('wellbeing.show'))).assertTextIncludes(
      'Vastasit hyvinvointikyselyyn'
    )
    assert.lengthOf(await omaKaikuAnswers(card), 1)
  })

  test('both questionnaires at once; the participation indicator keeps its own scale', async ({
    client,
    assert,
  }) => {
    const { card, browser } = await signedInHolder(client)
    await browser.get(urlFor('wellbeing.show'))
    await browser.post(
      urlFor('wellbeing.store'),
      { ...who5([3, 3, 3, 3, 3]), ...participation([1, 1, 2, 2, 2, 2, 2, 3, 3, 3]) },
      urlFor('wellbeing.show')
    )
    const answers = await omaKaikuAnswers(card)
    assert.deepEqual(
      answers.map((answer) => [answer.instrument, answer.rawScore]),
      [
        ['who5', 15],
        ['participation', 21],
      ]
    )
  })

  test('half answered, off the scale, or nothing: refused next to the statement, choices kept, nothing saved', async ({
    client,
    assert,
  }) => {
    const { card, browser } = await signedInHolder(client)
    await browser.get(urlFor('wellbeing.show'))
    const half = await browser.post(
      urlFor('wellbeing.store'),
      who5([4, 4, '', '', '']),
      urlFor('wellbeing.show')
    )
    half.assertHeader('location', urlFor('wellbeing.show'))
    const page = await browser.get(urlFor('wellbeing.show'))
    page.assertTextIncludes('vastaa kyselyn kaikkiin 5 kohtaan')
    assert.match(page.text(), /id="who5_3-error"/)
    // The first statement keeps the 4 that was chosen.
    assert.match(page.text(), /name="who5_1" id="who5_1-4" value="4"\s+checked/)

    await browser.post(urlFor('wellbeing.store'), who5([4, 4, 4, 4, 6]), urlFor('wellbeing.show'))
    ;(await browser.get(urlFor('wellbeing.show'))).assertTextIncludes(
      'Valitse jokin annetuista vaihtoehdoista.'
    )
    await browser.post(
      urlFor('wellbeing.store'),
      participation(Array(10).fill(0)),
      urlFor('wellbeing.show')
    )
    await browser.post(urlFor('wellbeing.store'), {}, urlFor('wellbeing.show'))
    ;(await browser.get(urlFor('wellbeing.show'))).assertTextIncludes(
      'Et valinnut yhtään vastausta.'
    )
    assert.lengthOf(await omaKaikuAnswers(card), 0)
  })

  test('"not now" stops the invitation for this card year; the questionnaire stays open from the card page link', async ({
    client,
    assert,
  }) => {
    const { browser } = await signedInHolder(client)
    await browser.get(urlFor('my_card.show'))
    const later = await browser.post(urlFor('wellbeing.later'))
    later.assertHeader('location', urlFor('my_card.show'))
    const page = await browser.get(urlFor('my_card.show'))
    assert.notInclude(page.text(), 'Kertoisitko, miten voit?')
    page.assertTextIncludes(`href="${urlFor('wellbeing.show')}"`)
  })

  test('an ended card is not asked', async ({ client, assert }) => {
    const { card, browser } = await signedInHolder(client)
    await Card.query().where('id', card.id).update({ status: 'ended', ended_on: '2020-01-01' })
    ;(await browser.get(urlFor('wellbeing.show'))).assertTextIncludes(
      'Hyvinvointikyselyyn voi vastata, kun kortti on voimassa.'
    )
    await browser.post(urlFor('wellbeing.store'), who5([3, 3, 3, 3, 3]), urlFor('wellbeing.show'))
    assert.lengthOf(await omaKaikuAnswers(card), 0)
  })
})
