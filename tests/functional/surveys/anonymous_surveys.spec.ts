import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type Survey from '#surveys/models/survey'
import { ANSWERS_PER_ADDRESS_PER_HOUR } from '#surveys/services/survey_answering'
import { createArea, createUser } from '#tests/helpers/fixtures'
import { addQuestionAs, createSurveyAs, openSurveyAs, questionFields } from '#tests/helpers/surveys'
import { today } from '#core/services/time'
import { readCsv } from '#tests/helpers/csv'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** A coordinator's open survey with one question of each kind. */
async function openSurvey(client: ApiClient) {
  const { area } = await createArea()
  const coordinator = await createUser('area_coordinator', { area })
  const survey = await createSurveyAs(client, coordinator)
  await addQuestionAs(client, coordinator, survey, {
    kind: 'single',
    text: 'Mikä on korkein koulutuksesi?',
    choices: 'Perusaste\nToinen aste\nKorkea-aste',
    required: 'true',
  })
  await addQuestionAs(client, coordinator, survey, {
    kind: 'multiple',
    text: 'Missä olet käynyt kortilla?',
    choices: 'Teatteri\nMuseo\nUimahalli',
  })
  await addQuestionAs(client, coordinator, survey, {
    kind: 'scale',
    text: 'Kuinka helppoa kortin käyttö on?',
    scaleMax: '5',
    scaleMinLabel: 'Vaikeaa',
    scaleMaxLabel: 'Helppoa',
  })
  await addQuestionAs(client, coordinator, survey, { kind: 'text', text: 'Mitä haluat sanoa?' })
  await openSurveyAs(client, coordinator, survey)
  const [education, places, ease, comment] = await questionFields(survey)
  return { area, coordinator, survey, fields: { education, places, ease, comment } }
}

function answer(client: ApiClient, survey: Survey, form: Record<string, unknown>) {
  return client
    .post(urlFor('public_surveys.store', { token: survey.linkToken! }))
    .form({ submissionKey: randomUUID(), ...form })
    .header('referer', urlFor('public_surveys.show', { token: survey.linkToken! }))
    .withCsrfToken()
    .redirects(0)
}

const responseCount = async (survey: Survey) =>
  Number((await db.from('survey_responses').where('survey_id', survey.id).count('* as n'))[0].n)

test.group('Anonymous surveys', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a coordinator builds and opens a survey; anyone answers by the link without signing in; nothing links the response to a person', async ({
    client,
    assert,
  }) => {
    const { survey, fields } = await openSurvey(client)
    assert.match(survey.linkToken!, /^[\w-]{16}$/)

    const page = await client.get(urlFor('public_surveys.show', { token: survey.linkToken! }))
    page.assertStatus(200)
    page.assertTextIncludes('Mikä on korkein koulutuksesi?')
    page.assertTextIncludes('Vastaat nimettömästi')

    const response = await answer(client, survey, {
      [fields.education]: '1',
      [`${fields.places}`]: ['0', '2'],
      [fields.ease]: '4',
      [fields.comment]: 'Hyvä juttu',
    })
    response.assertHeader('location', urlFor('public_surveys.show', { token: survey.linkToken! }))
    const rows = await db.from('survey_responses').where('survey_id', survey.id)
    assert.lengthOf(rows, 1)
    assert.deepEqual(Object.keys(rows[0]).sort(), [
      'answered_on',
      'id',
      'organisation_id',
      'submission_key',
      'survey_id',
    ])
    assert.isNull(rows[0].organisation_id)
    const answers = await db
      .from('survey_answers')
      .where('response_id', rows[0].id)
      .orderBy('id')
      .select('choice', 'number', 'text')
    assert.deepEqual(
      answers.map((a) => [a.choice, a.number, a.text]),
      [
        [1, null, null],
        [0, null, null],
        [2, null, null],
        [null, 4, null],
        [null, null, 'Hyvä juttu'],
      ]
    )
  })

  test('out-of-range and missing answers are refused next to the question, with the choices kept; nothing is stored', async ({
    client,
    assert,
  }) => {
    const { survey, fields } = await openSurvey(client)
    for (const form of [
      { [fields.education]: '9' },
      { [fields.education]: '1', [fields.ease]: '6' },
      { [fields.education]: '1', [fields.ease]: 'x' },
      { [fields.ease]: '3' },
      { [fields.education]: '1', [fields.comment]: 'a'.repeat(2001) },
    ]) {
      const response = await answer(client, survey, form)
      response.assertHeader('location', urlFor('public_surveys.show', { token: survey.linkToken! }))
      response.assertFlashMessage('inputErrorsBag', response.flashMessages().inputErrorsBag)
    }
    assert.equal(await responseCount(survey), 0)

    const refused = await answer(client, survey, { [fields.ease]: '3' })
    assert.deepEqual(refused.flashMessages().inputErrorsBag, {
      [fields.education]: ['Vastaa tähän kysymykseen.'],
    })
    assert.equal(refused.flashMessages()[fields.ease], '3')
  })

  test('the same browser answering twice, a double submit, after closing, and a closed link are each refused', async ({
    client,
    assert,
  }) => {
    const { coordinator, survey, fields } = await openSurvey(client)
    const key = randomUUID()
    const first = await answer(client, survey, { [fields.education]: '0', submissionKey: key })
    const cookie = first.cookie('answered-surveys')
    assert.exists(cookie)
    // The same form sent twice (double click): one response.
    await answer(client, survey, { [fields.education]: '0', submissionKey: key })
    assert.equal(await responseCount(survey), 1)

    // The browser that answered comes back.
    const again = await client
      .get(urlFor('public_surveys.show', { token: survey.linkToken! }))
      .withEncryptedCookie('answered-surveys', [survey.id])
    again.assertTextIncludes('Olet jo vastannut tähän kyselyyn')
    const second = await answer(client, survey, { [fields.education]: '2' }).withEncryptedCookie(
      'answered-surveys',
      [survey.id]
    )
    assert.deepEqual(second.flashMessages().inputErrorsBag, {
      form: ['Olet jo vastannut tähän kyselyyn. Kiitos!'],
    })
    assert.equal(await responseCount(survey), 1)

    // Closed by the coordinator: the link says so and answers are refused.
    await client
      .post(urlFor('survey_state.close', { id: survey.id }))
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('surveys.show', { id: survey.id }))
    ;(
      await client.get(urlFor('public_surveys.show', { token: survey.linkToken! }))
    ).assertTextIncludes('vastausaika on päättynyt')
    const late = await answer(client, survey, { [fields.education]: '1' })
    assert.deepEqual(late.flashMessages().inputErrorsBag, {
      form: ['Tähän kyselyyn ei voi enää vastata: vastausaika on päättynyt.'],
    })
    assert.equal(await responseCount(survey), 1)

    // Past the closing day the same holds without anyone closing it.
    const { survey: other, fields: otherFields } = await openSurvey(client)
    await db
      .from('surveys')
      .where('id', other.id)
      .update({ closes_at: DateTime.utc().minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') })
    await answer(client, other, { [otherFields.education]: '1' })
    assert.equal(await responseCount(other), 0)

    ;(await client.get('/s/no-such-link')).assertStatus(404)
  })

  test('one network address may answer a survey a limited number of times an hour', async ({
    client,
    assert,
  }) => {
    const { survey, fields } = await openSurvey(client)
    for (let index = 0; index < ANSWERS_PER_ADDRESS_PER_HOUR; index++) {
      const response = await answer(client, survey, { [fields.education]: '1' })
      assert.isUndefined(response.flashMessages().inputErrorsBag)
    }
    const flood = await answer(client, survey, { [fields.education]: '1' })
    assert.deepEqual(flood.flashMessages().inputErrorsBag, {
      form: [
        'Tästä verkosta on vastattu tähän kyselyyn monta kertaa lyhyessä ajassa. Yritä tunnin kuluttua uudelleen.',
      ],
    })
    assert.equal(await responseCount(survey), ANSWERS_PER_ADDRESS_PER_HOUR)
  })

  test('results are hidden below five responses, then shown; free text with script is shown as text; CSV export', async ({
    client,
    assert,
  }) => {
    const { coordinator, survey, fields } = await openSurvey(client)
    const script = '<script>alert("x")</script>'
    for (let index = 0; index < 4; index++) {
      await answer(client, survey, {
        [fields.education]: String(index % 3),
        [fields.ease]: String(index + 2),
        [fields.comment]: ['', script, '=SUM(A1)', ''][index],
      })
    }
    const hidden = await client
      .get(urlFor('survey_results.show', { id: survey.id }))
      .loginAs(coordinator)
    hidden.assertTextIncludes('Tuloksia näytetään, kun vastauksia on vähintään 5')
    assert.notInclude(hidden.text(), 'Perusaste')

    await answer(client, survey, { [fields.education]: '2', [fields.ease]: '5' })
    const shown = await client
      .get(urlFor('survey_results.show', { id: survey.id }))
      .loginAs(coordinator)
    shown.assertTextIncludes('Vastauksia yhteensä 5.')
    shown.assertTextIncludes('keskiarvo 3,8')
    assert.notInclude(shown.text(), '<script>alert')
    shown.assertTextIncludes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')

    const csv = await client
      .get(urlFor('survey_results.csv', { id: survey.id }))
      .loginAs(coordinator)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows = readCsv(csv.text())
    assert.deepInclude(rows, ['Mikä on korkein koulutuksesi?', 'Korkea-aste', '2'])
    // Text that a spreadsheet would run as a formula is written as text.
    assert.deepInclude(rows, ['Mitä haluat sanoa?', "'=SUM(A1)", ''])
  })

  test("a coordinator cannot see or change another area's survey; venues and distributors cannot open survey management", async ({
    client,
  }) => {
    const { survey } = await openSurvey(client)
    const stranger = await createUser('area_coordinator')
    ;(await client.get(urlFor('surveys.show', { id: survey.id })).loginAs(stranger)).assertStatus(
      404
    )
    ;(
      await client.get(urlFor('survey_results.show', { id: survey.id })).loginAs(stranger)
    ).assertStatus(404)
    ;(
      await client.get(urlFor('survey_results.csv', { id: survey.id })).loginAs(stranger)
    ).assertStatus(404)
    const closing = await client
      .post(urlFor('survey_state.close', { id: survey.id }))
      .withCsrfToken()
      .loginAs(stranger)
    closing.assertStatus(404)
    const admin = await createUser('admin')
    ;(
      await client.get(urlFor('survey_results.show', { id: survey.id })).loginAs(admin)
    ).assertStatus(200)
    ;(await client.get(urlFor('surveys.index')).loginAs(await createUser('venue'))).assertStatus(
      404
    )
  })

  test('a Swedish survey in the Finnish interface: the questions carry lang="sv", the interface’s marks and hints do not', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const survey = await createSurveyAs(client, coordinator, { language: 'sv' })
    await addQuestionAs(client, coordinator, survey, {
      kind: 'single',
      text: 'Vilken är din utbildning?',
      choices: 'Grundskola\nAndra stadiet',
      required: 'true',
    })
    await addQuestionAs(client, coordinator, survey, { kind: 'text', text: 'Vad vill du säga?' })
    await openSurveyAs(client, coordinator, survey)
    const page = await client.get(urlFor('public_surveys.show', { token: survey.linkToken! }))
    const html = page.text()
    assert.include(html, '<span lang="sv">Vilken är din utbildning?</span>')
    assert.include(html, 'lang="sv">Grundskola</label>')
    assert.include(html, '<span lang="sv">Vad vill du säga?</span>')
    // "(pakollinen)" and the text field's hint are the interface's, in Finnish.
    assert.match(
      html,
      /<span lang="sv">Vilken är din utbildning\?<\/span>\s*<span class="field__required">\(pakollinen\)/
    )
    assert.notMatch(html, /<form[^>]*lang=|<div lang="sv">/)
  })

  test("the author's form: bad input refused next to the field with input kept; questions fixed once open; a forged CSRF token refused", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const refused = await client
      .post(urlFor('surveys.store'))
      .form({
        kind: 'anonymous',
        title: 'Ok',
        language: 'fi',
        closesOn: '2020-01-01',
        submissionKey: randomUUID(),
      })
      .header('referer', urlFor('surveys.create'))
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    refused.assertHeader('location', urlFor('surveys.create'))
    assert.properties(refused.flashMessages().inputErrorsBag, ['title'])
    assert.equal(refused.flashMessages().title, 'Ok')

    const survey = await createSurveyAs(client, coordinator)
    const draft = await client.get(urlFor('surveys.show', { id: survey.id })).loginAs(coordinator)
    draft.assertTextIncludes('Luonnos')
    draft.assertTextIncludes('Avaa kysely vastattavaksi')
    const noChoices = await addQuestionAs(client, coordinator, survey, {
      kind: 'single',
      text: 'Kumpi?',
      choices: 'Vain yksi',
    })
    assert.deepEqual(noChoices.flashMessages().inputErrorsBag, {
      choices: ['Kirjoita vähintään kaksi vaihtoehtoa, kukin omalle rivilleen.'],
    })
    const empty = await openSurveyAs(client, coordinator, survey)
    assert.isNull(empty.openedAt)

    await addQuestionAs(client, coordinator, survey, { kind: 'text', text: 'Terveiset?' })
    await openSurveyAs(client, coordinator, survey)
    const late = await addQuestionAs(client, coordinator, survey, { kind: 'text', text: 'Lisää?' })
    assert.deepEqual(late.flashMessages().inputErrorsBag, {
      form: ['Kysely on jo avattu, joten sen kysymyksiä ei voi enää muuttaa.'],
    })

    const forged = await client
      .post(urlFor('surveys.store'))
      .form({
        _csrf: 'forged',
        kind: 'anonymous',
        title: 'Väärennös',
        language: 'fi',
        closesOn: '2030-01-01',
        submissionKey: randomUUID(),
      })
      .loginAs(coordinator)
      .redirects(0)
    forged.assertStatus(403)
    assert.isNull(await db.from('surveys').where('title', 'Väärennös').first())
  })

  test("an area that does not exist is refused next to the area field, in the user's language, with what was typed kept; nothing is created", async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const missingAreaId = Number((await db.from('areas').max('id as id'))[0].id ?? 0) + 1000
    const surveysBefore = Number((await db.from('surveys').count('* as n'))[0].n)
    const messages = {
      fi: 'Valitsemaasi aluetta ei löydy. Valitse alue listasta.',
      sv: 'Området du valde finns inte. Välj området i listan.',
      en: 'The area you chose does not exist. Choose the area from the list.',
    }
    const post = (locale: string) =>
      client
        .post(urlFor('surveys.store'))
        .form({
          kind: 'anonymous',
          title: 'Kulttuuri ja arki',
          language: 'fi',
          areaId: String(missingAreaId),
          closesOn: today().plus({ weeks: 2 }).toISODate(),
          submissionKey: randomUUID(),
        })
        .header('referer', urlFor('surveys.create'))
        .withPlainCookie('kaikukanta-locale', locale)
        .withCsrfToken()
        .loginAs(admin)

    for (const [locale, message] of Object.entries(messages)) {
      const refused = await post(locale).redirects(0)
      refused.assertStatus(302)
      refused.assertHeader('location', urlFor('surveys.create'))
      assert.deepEqual(refused.flashMessages().inputErrorsBag, { areaId: [message] })
      assert.equal(refused.flashMessages().title, 'Kulttuuri ja arki')
    }

    // What the admin sees: the form again, the message under the area field, the title kept.
    const page = await post('fi')
    page.assertStatus(200)
    assert.match(
      page.text(),
      /<p class="field__error" id="areaId-error">.*Valitsemaasi aluetta ei löydy\. Valitse alue listasta\.<\/p>/
    )
    page.assertTextIncludes('value="Kulttuuri ja arki"')
    assert.equal(Number((await db.from('surveys').count('* as n'))[0].n), surveysBefore)
  })
})

test.group('Changing a survey', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a draft changes its wording and closing day; an open survey only its closing day; a closed one nothing', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const survey = await createSurveyAs(client, coordinator)
    const change = (form: Record<string, unknown>) =>
      client
        .post(urlFor('surveys.update', { id: survey.id }))
        .form(form)
        .header('referer', urlFor('surveys.edit', { id: survey.id }))
        .withCsrfToken()
        .loginAs(coordinator)
        .redirects(0)

    ;(
      await client.get(urlFor('surveys.edit', { id: survey.id })).loginAs(coordinator)
    ).assertStatus(200)
    const inMonth = today().plus({ months: 1 })
    const saved = await change({ title: 'Arki ja kulttuuri', closesOn: inMonth.toISODate() })
    saved.assertHeader('location', urlFor('surveys.show', { id: survey.id }))
    await survey.refresh()
    assert.equal(survey.title, 'Arki ja kulttuuri')
    assert.equal(
      survey.closesAt.setZone('Europe/Helsinki').toISODate(),
      inMonth.plus({ days: 1 }).toISODate()
    )

    const past = await change({ title: 'Arki', closesOn: '2020-01-01' })
    assert.deepEqual(past.flashMessages().inputErrorsBag, {
      closesOn: ['Viimeinen vastauspäivä ei voi olla menneisyydessä.'],
    })
    assert.equal(past.flashMessages().title, 'Arki')

    await addQuestionAs(client, coordinator, survey, { kind: 'text', text: 'Terveiset?' })
    await openSurveyAs(client, coordinator, survey)
    ;(
      await client.get(urlFor('surveys.edit', { id: survey.id })).loginAs(coordinator)
    ).assertTextIncludes('vain viimeistä vastauspäivää voi muuttaa')
    await change({ title: 'Toinen otsikko', closesOn: inMonth.plus({ days: 7 }).toISODate() })
    await survey.refresh()
    assert.equal(survey.title, 'Arki ja kulttuuri')
    assert.equal(
      survey.closesAt.setZone('Europe/Helsinki').toISODate(),
      inMonth.plus({ days: 8 }).toISODate()
    )

    await client
      .post(urlFor('survey_state.close', { id: survey.id }))
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('surveys.show', { id: survey.id }))
    const closed = await change({ closesOn: inMonth.toISODate() })
    assert.deepEqual(closed.flashMessages().inputErrorsBag, {
      form: ['Suljettua kyselyä ei voi enää muuttaa.'],
    })
    const stranger = await createUser('area_coordinator')
    ;(await client.get(urlFor('surveys.edit', { id: survey.id })).loginAs(stranger)).assertStatus(
      404
    )
  })
})
