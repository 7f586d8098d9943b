import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Card from '#registry/models/card'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import type { ApiClient } from '@japa/api-client'

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
    const holderCardPage = await browser.get('/oma/card')
    holderCardPage.assertTextIncludes('Kertoisitko, miten voit?')

    const form = await browser.get('/oma/wellbeing')
    form.assertTextIncludes('Olen ollut iloinen ja hyvällä tuulella')
    form.assertTextIncludes('Arkiset tekemiseni ovat mielekkäitä.')
    form.assertTextIncludes('5 – Koko ajan')

    const response = await browser.post('/oma/wellbeing', who5([5, 4, 3, 2, 1]), '/oma/wellbeing')
    // The distributor's card page shows the answers given at the desk, not these.
    const cardPage = await client.get(`/cards/${card.id}`).loginAs(distributor)
    cardPage.assertTextIncludes('Koettu hyvinvointi (SWB)')
    assert.notInclude(cardPage.text(), 'WHO-5')
    response.assertHeader('location', '/oma/card')
    const answers = await omaKaikuAnswers(card)
    assert.deepEqual(
      answers.map((answer) => [answer.instrument, answer.rawScore]),
      [['who5', 15]]
    )
    assert.notInclude((await browser.get('/oma/card')).text(), 'Kertoisitko, miten voit?')

    const again = await browser.post(
      '/oma/wellbeing',
      participation(Array(10).fill(2)),
      '/oma/wellbeing'
    )
    again.assertHeader('location', '/oma/wellbeing')
    ;(await browser.get('/oma/wellbeing')).assertTextIncludes('Vastasit hyvinvointikyselyyn')
    assert.lengthOf(await omaKaikuAnswers(card), 1)
  })

  test('both questionnaires at once; the participation indicator keeps its own scale', async ({
    client,
    assert,
  }) => {
    const { card, browser } = await signedInHolder(client)
    await browser.get('/oma/wellbeing')
    await browser.post(
      '/oma/wellbeing',
      { ...who5([3, 3, 3, 3, 3]), ...participation([1, 1, 2, 2, 2, 2, 2, 3, 3, 3]) },
      '/oma/wellbeing'
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
    await browser.get('/oma/wellbeing')
    const half = await browser.post('/oma/wellbeing', who5([4, 4, '', '', '']), '/oma/wellbeing')
    half.assertHeader('location', '/oma/wellbeing')
    const page = await browser.get('/oma/wellbeing')
    page.assertTextIncludes('vastaa kyselyn kaikkiin 5 kohtaan')
    assert.match(page.text(), /id="who5_3-error"/)
    // The first statement keeps the 4 that was chosen.
    assert.match(page.text(), /name="who5_1" id="who5_1-4" value="4"\s+checked/)

    await browser.post('/oma/wellbeing', who5([4, 4, 4, 4, 6]), '/oma/wellbeing')
    ;(await browser.get('/oma/wellbeing')).assertTextIncludes(
      'Valitse jokin annetuista vaihtoehdoista.'
    )
    await browser.post('/oma/wellbeing', participation(Array(10).fill(0)), '/oma/wellbeing')
    await browser.post('/oma/wellbeing', {}, '/oma/wellbeing')
    ;(await browser.get('/oma/wellbeing')).assertTextIncludes('Et valinnut yhtään vastausta.')
    assert.lengthOf(await omaKaikuAnswers(card), 0)
  })

  test('"not now" stops the invitation for this card year; the questionnaire stays open from the card page link', async ({
    client,
    assert,
  }) => {
    const { browser } = await signedInHolder(client)
    await browser.get('/oma/card')
    const later = await browser.post('/oma/wellbeing/later')
    later.assertHeader('location', '/oma/card')
    const page = await browser.get('/oma/card')
    assert.notInclude(page.text(), 'Kertoisitko, miten voit?')
    page.assertTextIncludes('href="/oma/wellbeing"')
  })

  test('an ended card is not asked', async ({ client, assert }) => {
    const { card, browser } = await signedInHolder(client)
    await Card.query().where('id', card.id).update({ status: 'ended', ended_on: '2020-01-01' })
    ;(await browser.get('/oma/wellbeing')).assertTextIncludes(
      'Hyvinvointikyselyyn voi vastata, kun kortti on voimassa.'
    )
    await browser.post('/oma/wellbeing', who5([3, 3, 3, 3, 3]), '/oma/wellbeing')
    assert.lengthOf(await omaKaikuAnswers(card), 0)
  })
})
