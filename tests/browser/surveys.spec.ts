/// <reference lib="dom" />
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import { addQuestion, createSurvey, openSurvey } from '#surveys/services/survey_editor'
import { recordCardAnswers } from '#surveys/services/card_wellbeing'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { createHolder, HOLDER_PASSWORD } from '#tests/helpers/holder'
import { today } from '#core/services/time'
import { urlFor } from '@adonisjs/core/services/url_builder'

test.group('Browser: surveys', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a coordinator builds and opens an anonymous survey, someone answers it by the link without signing in, and the coordinator sees the results', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    await browserContext.loginAs(coordinator)

    const list = await visit(urlFor('surveys.index'))
    await checked(list)
    await submits(list, () => list.getByRole('link', { name: 'Uusi kysely' }).click())
    await checkedAtPhoneWidth(list)
    await list.setViewportSize({ width: 1280, height: 900 })
    await list.getByLabel('Otsikko').fill('Kulttuuri ja arki')
    await submits(list, () => list.getByRole('button', { name: 'Luo kysely' }).click())
    await checked(list)

    const editor = list
    await editor.getByRole('textbox', { name: /^Kysymys/ }).fill('Mikä on korkein koulutuksesi?')
    await editor.getByLabel('Vaihtoehdot').fill('Perusaste\nToinen aste\nKorkea-aste')
    await submits(editor, () => editor.getByRole('button', { name: 'Lisää kysymys' }).click())
    await editor.getByRole('radio', { name: 'Vapaa teksti' }).check()
    await editor.getByRole('textbox', { name: /^Kysymys/ }).fill('Mitä haluat sanoa?')
    await submits(editor, () => editor.getByRole('button', { name: 'Lisää kysymys' }).click())
    await checked(editor)
    await checkedAtPhoneWidth(await visit(`${new URL(editor.url()).pathname}/edit`))
    await submits(editor, () =>
      editor.getByRole('button', { name: 'Avaa kysely vastattavaksi' }).click()
    )
    await checkedAtPhoneWidth(editor)
    const link = await editor.locator('main .survey-link a').innerText()
    const surveyPath = new URL(editor.url()).pathname
    await checked(await visit(`${surveyPath}/edit`))

    // A respondent, not signed in.
    await browserContext.clearCookies()
    const respondent = await visit(new URL(link).pathname)
    await checkedAtPhoneWidth(respondent)
    await submits(respondent, () =>
      respondent.getByRole('button', { name: 'Lähetä vastaukset' }).click()
    )
    await checkedAtPhoneWidth(respondent)
    assert.match(await respondent.title(), /^Virhe: /)
    await respondent.getByRole('radio', { name: 'Toinen aste' }).check()
    await respondent.getByLabel('Mitä haluat sanoa?').fill('<b>Kiitos</b> kortista')
    await submits(respondent, () =>
      respondent.getByRole('button', { name: 'Lähetä vastaukset' }).click()
    )
    await checkedAtPhoneWidth(respondent)
    await assertShows(assert, respondent, 'Olet jo vastannut tähän kyselyyn')

    // Four more responses, so that the results may be shown.
    const [survey] = await db.from('surveys').where('title', 'Kulttuuri ja arki')
    const questions = await db
      .from('survey_questions')
      .where('survey_id', survey.id)
      .orderBy('position')
    for (let index = 0; index < 4; index++) {
      const [id] = await db.table('survey_responses').insert({
        survey_id: survey.id,
        answered_on: today().toISODate(),
        submission_key: randomUUID(),
      })
      await db.table('survey_answers').insert({
        response_id: id,
        question_id: questions[0].id,
        choice: index % 3,
      })
    }

    await browserContext.loginAs(coordinator)
    const results = await visit(`${surveyPath}/results`)
    await checked(results)
    await assertShows(assert, results, 'Vastauksia yhteensä 5.', '<b>Kiitos</b> kortista')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('a holder answers WHO-5 in OmaKaiku; a venue answers a partner survey; the coordinator sees who answered and the wellbeing results', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const distributorOrg = await createOrganisation('distributor', area)
    const distributor = await createUser('distributor', { organisation: distributorOrg })
    const venueUser = await createUser('venue', {
      organisation: await createOrganisation('venue', area),
    })
    const card = await issueCard(distributor)
    const account = await createHolder(card)
    // Four other holders of the area answered WHO-5 already.
    for (let index = 0; index < 4; index++) {
      const other = await issueCard(distributor)
      await db
        .connection('registry')
        .transaction((trx) =>
          recordCardAnswers(trx, other.id, 'omakaiku', today(), { who5: [2, 3, 4, 3, 2 + index] })
        )
    }

    // The holder: invited on the card page, answers the five statements.
    const holder = await visit(urlFor('holder_session.create'))
    await holder.getByLabel('Sähköpostiosoite').fill(account.email)
    await holder.getByLabel('Salasana').fill(HOLDER_PASSWORD)
    await submits(holder, () => holder.getByRole('button', { name: 'Kirjaudu' }).click())
    await checkedAtPhoneWidth(holder)
    await submits(holder, () => holder.getByRole('link', { name: 'Vastaa kyselyyn' }).click())
    await checkedAtPhoneWidth(holder)
    // The questionnaire in Swedish and English, with the instruments' own wording.
    for (const [language, statement] of [
      ['På svenska', 'Jag har känt mig glad och på gott humör'],
      ['In English', 'I have felt cheerful and in good spirits'],
    ]) {
      await submits(holder, () => holder.getByRole('button', { name: language }).click())
      await checkedAtPhoneWidth(holder)
      await assertShows(assert, holder, statement)
    }
    await submits(holder, () => holder.getByRole('button', { name: 'Suomeksi' }).click())
    const statements = [
      'Olen ollut iloinen ja hyväntuulinen',
      'Olen ollut levollinen ja rentoutunut',
      'Olen ollut toimelias ja tarmokas',
      'Herätessäni olen tuntenut itseni virkeäksi ja levänneeksi',
      'Jokapäiväiseen elämääni on kuulunut paljon asioita, jotka kiinnostavat minua',
    ]
    // Two statements only: refused, and the two answers are kept.
    for (const statement of statements.slice(0, 2)) {
      await holder
        .getByRole('group', { name: statement })
        .getByLabel('3 – Yli puolet ajasta')
        .check()
    }
    await submits(holder, () => holder.getByRole('button', { name: 'Lähetä vastaukset' }).click())
    await checkedAtPhoneWidth(holder)
    // The two answers given are still chosen on the refused form.
    await holder.waitForFunction(
      () => document.querySelectorAll('input[name^="who5_"][value="3"]:checked').length === 2,
      undefined,
      { timeout: 5000 }
    )
    for (const statement of statements.slice(2)) {
      await holder
        .getByRole('group', { name: statement })
        .getByLabel('4 – Suurimman osan aikaa')
        .check()
    }
    await submits(holder, () => holder.getByRole('button', { name: 'Lähetä vastaukset' }).click())
    await checkedAtPhoneWidth(holder)
    await assertShows(assert, holder, 'Kiitos vastauksistasi!')
    const saved = await WellbeingResponse.query()
      .where('card_id', card.id)
      .where('instrument', 'who5')
    assert.deepEqual(
      saved.map((response) => response.rawScore),
      [18]
    )

    // The venue answers the coordinator's partner survey.
    const partner = await createSurvey(
      {
        kind: 'partner',
        title: 'Jatkatteko ensi vuonna?',
        language: 'fi',
        audience: 'all',
        closesOn: today().plus({ days: 7 }).toJSDate(),
        submissionKey: randomUUID(),
      },
      coordinator
    )
    await addQuestion(partner, {
      kind: 'single',
      text: 'Jatkaako organisaationne ensi vuonna?',
      choices: 'Kyllä\nEi',
      required: true,
    })
    await openSurvey(partner)
    await browserContext.clearCookies()
    await browserContext.loginAs(venueUser)
    const venue = await visit(urlFor('partner_answers.index'))
    await checked(venue)
    await submits(venue, () => venue.getByRole('link', { name: 'Jatkatteko ensi vuonna?' }).click())
    await checkedAtPhoneWidth(venue)
    await venue.getByRole('radio', { name: 'Kyllä' }).check()
    await submits(venue, () => venue.getByRole('button', { name: 'Lähetä vastaukset' }).click())
    await checked(venue)
    await assertShows(assert, venue, 'Organisaatiosi vastaus on tallennettu')

    // The coordinator: who has answered, the answers, and the area's wellbeing results.
    await browserContext.clearCookies()
    await browserContext.loginAs(coordinator)
    const status = await visit(urlFor('surveys.show', { id: partner.id }))
    await checkedAtPhoneWidth(status)
    await assertShows(assert, status, '1/2 organisaatiota on vastannut.')
    await checked(await visit(urlFor('survey_results.show', { id: partner.id })))
    const wellbeing = await visit(urlFor('wellbeing_results.show'))
    await checkedAtPhoneWidth(wellbeing)
    await assertShows(assert, wellbeing, 'WHO-5-hyvinvointi-indeksi', 'Vastauksia 5')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
