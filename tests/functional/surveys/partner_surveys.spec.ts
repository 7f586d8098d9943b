import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type User from '#registry/models/user'
import type Survey from '#surveys/models/survey'
import { remindNearDeadlines } from '#surveys/services/partner_reminders'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { addQuestionAs, createSurveyAs, openSurveyAs, questionFields } from '#tests/helpers/surveys'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { today } from '#core/services/time'
import { readCsv } from '#tests/helpers/csv'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** An area with a coordinator, a venue and a distributor (each with a user), and an open partner survey to them. */
async function scene(client: ApiClient) {
  const { area } = await createArea()
  const coordinator = await createUser('area_coordinator', { area })
  const venue = await createOrganisation('venue', area)
  const distributor = await createOrganisation('distributor', area)
  const venueUser = await createUser('venue', { organisation: venue })
  const venueColleague = await createUser('venue', { organisation: venue })
  const distributorUser = await createUser('distributor', { organisation: distributor })
  const survey = await createSurveyAs(client, coordinator, {
    kind: 'partner',
    title: 'Jatkatteko ensi vuonna?',
    closesOn: today().plus({ days: 10 }).toISODate(),
  })
  await addQuestionAs(client, coordinator, survey, {
    kind: 'single',
    text: 'Jatkaako organisaationne Kaikukortti-toiminnassa ensi vuonna?',
    choices: 'Kyllä\nEi\nEi vielä tiedossa',
    required: 'true',
  })
  await addQuestionAs(client, coordinator, survey, {
    kind: 'text',
    text: 'Terveiset koordinaattorille',
  })
  await openSurveyAs(client, coordinator, survey)
  const [continues, message] = await questionFields(survey)
  return {
    area,
    coordinator,
    venue,
    distributor,
    venueUser,
    venueColleague,
    distributorUser,
    survey,
    fields: { continues, message },
  }
}

function answerAs(client: ApiClient, user: User, survey: Survey, form: Record<string, unknown>) {
  return client
    .post(urlFor('partner_answers.store', { id: survey.id }))
    .form({ submissionKey: randomUUID(), ...form })
    .header('referer', urlFor('partner_answers.show', { id: survey.id }))
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

test.group('Partner surveys', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('organisations of the area see the survey and answer once each; the coordinator sees who has and has not answered', async ({
    client,
    assert,
  }) => {
    const s = await scene(client)
    const list = await client.get(urlFor('partner_answers.index')).loginAs(s.venueUser)
    list.assertTextIncludes('Jatkatteko ensi vuonna?')
    list.assertTextIncludes('Ei vielä vastattu')
    const form = await client
      .get(urlFor('partner_answers.show', { id: s.survey.id }))
      .loginAs(s.distributorUser)
    form.assertTextIncludes('Jatkaako organisaationne Kaikukortti-toiminnassa ensi vuonna?')
    form.assertTextIncludes('Lähetä vastaukset')

    const answered = await answerAs(client, s.venueUser, s.survey, {
      [s.fields.continues]: '0',
      [s.fields.message]: 'Kiitos yhteistyöstä',
    })
    answered.assertHeader('location', urlFor('partner_answers.index'))
    ;(
      await client
        .get(urlFor('partner_answers.show', { id: s.survey.id }))
        .loginAs(s.venueColleague)
    ).assertTextIncludes('Organisaatiosi vastasi tähän kyselyyn')
    const twice = await answerAs(client, s.venueColleague, s.survey, { [s.fields.continues]: '1' })
    assert.deepEqual(twice.flashMessages().inputErrorsBag, {
      form: ['Organisaatiosi on jo vastannut tähän kyselyyn.'],
    })
    const rows = await db.from('survey_responses').where('survey_id', s.survey.id)
    assert.deepEqual(
      rows.map((row) => row.organisation_id),
      [s.venue.id]
    )

    const page = await client
      .get(urlFor('surveys.show', { id: s.survey.id }))
      .loginAs(s.coordinator)
    page.assertTextIncludes('1/2 organisaatiota on vastannut.')
    page.assertTextIncludes(s.distributor.name)
    const results = await client
      .get(urlFor('survey_results.show', { id: s.survey.id }))
      .loginAs(s.coordinator)
    results.assertTextIncludes('Kiitos yhteistyöstä')
    results.assertTextIncludes(s.venue.name)
    const csv = await client
      .get(urlFor('survey_results.csv', { id: s.survey.id }))
      .loginAs(s.coordinator)
    assert.deepInclude(readCsv(csv.text()), [s.venue.name, 'Kyllä', 'Kiitos yhteistyöstä'])
  })

  test('a partner organisation of the area is among all organisations, not among venues', async ({
    client,
    assert,
  }) => {
    const s = await scene(client)
    const partner = await createOrganisation('partner', s.area)
    const partnerUser = await createUser('partner', { organisation: partner })
    const list = await client.get(urlFor('partner_answers.index')).loginAs(partnerUser)
    list.assertStatus(200)
    list.assertTextIncludes('Jatkatteko ensi vuonna?')
    const answered = await answerAs(client, partnerUser, s.survey, { [s.fields.continues]: '0' })
    answered.assertHeader('location', urlFor('partner_answers.index'))
    const page = await client
      .get(urlFor('surveys.show', { id: s.survey.id }))
      .loginAs(s.coordinator)
    page.assertTextIncludes('1/3 organisaatiota on vastannut.')

    await db.from('surveys').where('id', s.survey.id).update({ audience: 'venues' })
    const narrowed = await client
      .get(urlFor('partner_answers.show', { id: s.survey.id }))
      .loginAs(partnerUser)
    assert.equal(narrowed.status(), 404)
  })

  test("another area's organisation cannot see or answer it; a required question is refused with the input kept", async ({
    client,
    assert,
  }) => {
    const s = await scene(client)
    const outsider = await createUser('venue')
    ;(
      await client.get(urlFor('partner_answers.show', { id: s.survey.id })).loginAs(outsider)
    ).assertStatus(404)
    ;(await answerAs(client, outsider, s.survey, { [s.fields.continues]: '0' })).assertStatus(404)
    assert.notInclude(
      (await client.get(urlFor('partner_answers.index')).loginAs(outsider)).text(),
      'Jatkatteko'
    )

    const missing = await answerAs(client, s.distributorUser, s.survey, {
      [s.fields.message]: 'Hei',
    })
    assert.deepEqual(missing.flashMessages().inputErrorsBag, {
      [s.fields.continues]: ['Vastaa tähän kysymykseen.'],
    })
    assert.equal(missing.flashMessages()[s.fields.message], 'Hei')
    assert.isNull(await db.from('survey_responses').where('survey_id', s.survey.id).first())
  })

  test('reminders go by e-mail to the users of organisations that have not answered, not twice in a row; the job reminds near the deadline', async ({
    client,
    assert,
  }) => {
    const s = await scene(client)
    await answerAs(client, s.venueUser, s.survey, { [s.fields.continues]: '0' })
    fakeSmtp.inbox = []
    const reminded = await client
      .post(urlFor('survey_state.remind', { id: s.survey.id }))
      .header('referer', urlFor('surveys.show', { id: s.survey.id }))
      .withCsrfToken()
      .loginAs(s.coordinator)
      .redirects(0)
    reminded.assertFlashMessage('success', 'Muistutus lähetettiin 1 organisaatiolle.')
    const mail = fakeSmtp.lastTo(s.distributorUser.email)
    assert.exists(mail)
    assert.include(mail!.text, 'Jatkatteko ensi vuonna?')
    assert.include(mail!.text, urlFor('partner_answers.show', { id: s.survey.id }))
    assert.isUndefined(fakeSmtp.lastTo(s.venueUser.email))

    const again = await client
      .post(urlFor('survey_state.remind', { id: s.survey.id }))
      .header('referer', urlFor('surveys.show', { id: s.survey.id }))
      .withCsrfToken()
      .loginAs(s.coordinator)
      .redirects(0)
    again.assertFlashMessage('success', 'Muistutus lähetettiin 0 organisaatiolle.')
    assert.lengthOf(fakeSmtp.inbox, 1)

    // Ten days before the deadline the job waits; two days before, the pause since the hand reminder has passed.
    assert.equal(await remindNearDeadlines(DateTime.utc()), '0 organisation(s) reminded')
    const nearDeadline = s.survey.closesAt.minus({ days: 2 })
    assert.equal(await remindNearDeadlines(nearDeadline), '1 organisation(s) reminded')
    assert.equal(
      await remindNearDeadlines(nearDeadline.plus({ hours: 1 })),
      '0 organisation(s) reminded'
    )
    assert.lengthOf(fakeSmtp.inbox, 2)
  })

  test('after the deadline the survey cannot be answered', async ({ client, assert }) => {
    const s = await scene(client)
    await db
      .from('surveys')
      .where('id', s.survey.id)
      .update({ closes_at: DateTime.utc().minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') })
    ;(
      await client.get(urlFor('partner_answers.show', { id: s.survey.id })).loginAs(s.venueUser)
    ).assertTextIncludes('vastausaika on päättynyt')
    const late = await answerAs(client, s.venueUser, s.survey, { [s.fields.continues]: '0' })
    assert.deepEqual(late.flashMessages().inputErrorsBag, {
      form: ['Tähän kyselyyn ei voi enää vastata: vastausaika on päättynyt.'],
    })
    assert.isNull(await db.from('survey_responses').where('survey_id', s.survey.id).first())
  })
})
