import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import feedbackConfig from '#config/feedback'
import AccessibilityFeedback from '#feedback/models/accessibility_feedback'
import { cleanUpFeedbackRows } from '#feedback/services/retention_cleanup'
import { formatDate } from '#core/services/formatting'
import { today } from '#core/services/time'
import { createUser } from '#tests/helpers/fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'

const form = () => urlFor('accessibility_feedback.create')

/** A filled form, as the browser sends it. */
const filled = (overrides: Record<string, string> = {}) => ({
  concerns: 'Tarjontalista',
  message: 'Suodattimen valinnat eivät lue ruudunlukijalla.',
  replyEmail: '',
  replyPhone: '',
  submissionKey: randomUUID(),
  ...overrides,
})

/**
 * A network address of its own, so that one test's sends do not count
 * against another's: each call the next one (the limiter's memory store
 * lives as long as the run, so a random one could repeat an earlier test's).
 */
let lastAddress = 0
const address = () => `198.51.100.${++lastAddress}`

const count = async () =>
  Number((await AccessibilityFeedback.query().count('* as total'))[0].$extras.total)

test.group('Accessibility feedback', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the statement leads to the form; the feedback reaches the national centre with the day its reply is due', async ({
    client,
    assert,
  }) => {
    const statement = await client.get(urlFor('pages.accessibility'))
    statement.assertTextIncludes(`href="${form()}"`)
    statement.assertTextIncludes(`Vastaamme ${feedbackConfig.replyWithinDays} päivän kuluessa.`)

    const page = await client.get(form())
    page.assertStatus(200)
    assert.match(page.text(), /<input[^>]+_csrf/)

    const due = formatDate(today().plus({ days: feedbackConfig.replyWithinDays }), 'fi')
    const sent = await client
      .post(urlFor('accessibility_feedback.store'))
      .form(filled({ replyEmail: 'Palaute@Example.fi', replyPhone: '040 123 4567' }))
      .header('x-forwarded-for', address())
      .header('referer', form())
      .withCsrfToken()
    sent.assertStatus(200)
    sent.assertTextIncludes(`viimeistään ${due}`)
    const stored = await AccessibilityFeedback.firstOrFail()
    assert.equal(stored.concerns, 'Tarjontalista')
    assert.equal(stored.replyEmail, 'palaute@example.fi')
    assert.equal(stored.replyPhone, '+358401234567')
    assert.equal(stored.locale, 'fi')
    assert.equal(stored.replyDueOn.toISODate(), today().plus({ days: 14 }).toISODate())

    const admin = await createUser('admin')
    const list = await client.get(urlFor('admin_feedback.index')).loginAs(admin)
    list.assertStatus(200)
    list.assertTextIncludes('Suodattimen valinnat eivät lue ruudunlukijalla.')
    list.assertTextIncludes(`<dt>Saapunut</dt><dd>${formatDate(today(), 'fi')}</dd>`)
    list.assertTextIncludes(`<dt>Vastattava viimeistään</dt><dd>${due}</dd>`)
    list.assertTextIncludes('href="mailto:palaute@example.fi"')
    list.assertTextIncludes('040 1234567')

    await client
      .post(urlFor('admin_feedback.answer', { id: stored.id }))
      .withCsrfToken()
      .loginAs(admin)
    await stored.refresh()
    assert.isNotNull(stored.answeredAt)
    const after = await client.get(urlFor('admin_feedback.index')).loginAs(admin)
    after.assertTextIncludes('Vastausta odottavaa palautetta ei ole.')
  })

  test('a double submit stores the feedback once; a forged form stores nothing', async ({
    client,
    assert,
  }) => {
    const twice = filled()
    const ip = address()
    for (let i = 0; i < 2; i++) {
      await client
        .post(urlFor('accessibility_feedback.store'))
        .form(twice)
        .header('x-forwarded-for', ip)
        .withCsrfToken()
    }
    assert.equal(await count(), 1)

    const forged = await client
      .post(urlFor('accessibility_feedback.store'))
      .form(filled())
      .header('x-forwarded-for', ip)
    forged.assertStatus(200)
    assert.equal(await count(), 1)
  })

  test('empty or too long feedback is refused next to its field, the input kept', async ({
    client,
    assert,
  }) => {
    const empty = await client
      .post(urlFor('accessibility_feedback.store'))
      .form(filled({ concerns: '', message: '  ', replyEmail: 'ei osoite' }))
      .header('referer', form())
      .withCsrfToken()
    empty.assertTextIncludes('Kerro, mitä sivua tai palvelua palaute koskee.')
    empty.assertTextIncludes('Kirjoita viesti.')
    empty.assertTextIncludes('Kirjoita sähköpostiosoite muodossa')
    empty.assertTextIncludes('value="ei osoite"')
    assert.match(empty.text(), /<title>Virhe: /)

    const long = 'a'.repeat(feedbackConfig.maxMessageLength + 1)
    const tooLong = await client
      .post(urlFor('accessibility_feedback.store'))
      .form(filled({ message: long }))
      .header('referer', form())
      .withCsrfToken()
    tooLong.assertTextIncludes(
      `Palaute on liian pitkä: enintään ${feedbackConfig.maxMessageLength} merkkiä.`
    )
    tooLong.assertTextIncludes('value="Tarjontalista"')
    tooLong.assertTextIncludes(long)
    assert.equal(await count(), 0)
  })

  test('one network address may send only so many an hour; then it is refused politely, the input kept', async ({
    client,
    assert,
  }) => {
    const ip = address()
    for (let i = 0; i < feedbackConfig.perAddressPerHour; i++) {
      await client
        .post(urlFor('accessibility_feedback.store'))
        .form(filled())
        .header('x-forwarded-for', ip)
        .withCsrfToken()
    }
    assert.equal(await count(), feedbackConfig.perAddressPerHour)
    const refused = await client
      .post(urlFor('accessibility_feedback.store'))
      .form(filled({ concerns: 'Kirjautuminen' }))
      .header('x-forwarded-for', ip)
      .header('referer', form())
      .withCsrfToken()
    refused.assertStatus(200)
    refused.assertTextIncludes('Palautettasi ei lähetetty. Yritä uudelleen tunnin kuluttua.')
    refused.assertTextIncludes('value="Kirjautuminen"')
    assert.equal(await count(), feedbackConfig.perAddressPerHour)

    // Another address is not held up.
    await client
      .post(urlFor('accessibility_feedback.store'))
      .form(filled())
      .header('x-forwarded-for', address())
      .withCsrfToken()
    assert.equal(await count(), feedbackConfig.perAddressPerHour + 1)
  })

  test('only the national centre reads the feedback', async ({ client }) => {
    for (const role of ['area_coordinator', 'distributor', 'venue'] as const) {
      const user = await createUser(role)
      const page = await client.get(urlFor('admin_feedback.index')).loginAs(user)
      page.assertStatus(404)
    }
    const signedOut = await client.get(urlFor('admin_feedback.index')).redirects(0)
    signedOut.assertStatus(302)
    signedOut.assertHeader('location', urlFor('session.create'))
  })

  test('sent to the national centre’s address when one is set', async ({ client, assert }) => {
    const before = feedbackConfig.nationalCentreEmail
    feedbackConfig.nationalCentreEmail = 'saavutettavuus@kaikukeskus.example'
    try {
      await client
        .post(urlFor('accessibility_feedback.store'))
        .form(filled({ concerns: 'Tilastosivu' }))
        .header('x-forwarded-for', address())
        .withCsrfToken()
    } finally {
      feedbackConfig.nationalCentreEmail = before
    }
    const mail = fakeSmtp.lastTo('saavutettavuus@kaikukeskus.example')
    assert.exists(mail)
    assert.include(mail!.text, 'Suodattimen valinnat eivät lue ruudunlukijalla.')
    assert.include(
      mail!.text,
      formatDate(today().plus({ days: feedbackConfig.replyWithinDays }), 'fi')
    )
  })

  test('answered feedback is removed, reply contact and all, a year after it was answered; unanswered stays', async ({
    assert,
  }) => {
    const longAgo = DateTime.utc().minus({ years: 2 })
    const answered = await AccessibilityFeedback.create({
      concerns: 'Vanha',
      message: 'Vastattu kauan sitten.',
      replyEmail: 'vanha@example.fi',
      replyPhone: null,
      locale: 'fi',
      replyDueOn: today().minus({ years: 2 }),
      answeredAt: longAgo,
      submissionKey: randomUUID(),
    })
    const waiting = await AccessibilityFeedback.create({
      concerns: 'Odottaa',
      message: 'Ei vielä vastattu.',
      replyEmail: null,
      replyPhone: null,
      locale: 'sv',
      replyDueOn: today().minus({ years: 2 }),
      answeredAt: null,
      submissionKey: randomUUID(),
    })
    const removed = await cleanUpFeedbackRows(DateTime.utc())
    assert.deepEqual(removed, [{ kind: 'accessibilityFeedback', count: 1 }])
    assert.isNull(await AccessibilityFeedback.find(answered.id))
    assert.isNotNull(await AccessibilityFeedback.find(waiting.id))
  })
})
