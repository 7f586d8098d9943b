import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CardUse from '#usage/models/card_use'
import { countUses, createOccurrence, registrationForm } from '#tests/helpers/offer_fixtures'
import { createOrganisation, createUser } from '#tests/helpers/fixtures'
import { RECORD_AFTERWARDS_DAYS } from '#offers/services/restrictions'
import { today } from '#core/services/time'
import { cardRefusalIn, chosenShow, register, scene, show } from '#tests/helpers/registration_scene'
import type User from '#registry/models/user'
import type { ApiClient } from '@japa/api-client'

/** The form sent by htmx: the headers its request carries, the redirect not followed. */
function registerByHtmx(client: ApiClient, user: User, form: Record<string, unknown>) {
  return register(client, user, form)
    .header('HX-Request', 'true')
    .header('HX-Target', 'box-office')
    .header('HX-Current-URL', urlFor('registrations.create'))
    .header('referer', urlFor('registrations.create'))
    .redirects(0)
}

const submissionKeyIn = (html: string) => /name="submissionKey" value="([^"]+)"/.exec(html)?.[1]
const codeValueIn = (html: string) => /<input[^>]*id="code"[^>]*value="([^"]*)"/.exec(html)?.[1]
/** The text a registration's answer sends to replace a choice's details (its places left). */
const placesSentFor = (html: string, choice: string) =>
  new RegExp(`<span id="details-${choice}" hx-swap-oob="true">([^<]*)</span>`).exec(html)?.[1]

test.group('Registering a use: the box office answers htmx in the POST', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a registration answers with the answer and the form only, no redirect', async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 5 })
    const form = registrationForm(s.card.code, show(s.occurrence), { childrenCount: '1' })
    const answer = await registerByHtmx(client, s.venueUser, form)
    answer.assertStatus(200)
    const html = answer.text()
    assert.notInclude(html, '<html')
    assert.include(html, 'id="box-office-answer"')
    assert.include(html, 'id="box-office"')
    answer.assertTextIncludes('Kirjattu: kortti')
    answer.assertTextIncludes('2 paikkaa, 1 lapsi')
    // The choices stay as they are on the page, the show chosen; its places left come alone,
    // counted under the lock. The code is emptied; a new key for the next card.
    assert.isNull(chosenShow(html))
    assert.include(html, '<div id="show-choices" hx-preserve></div>')
    assert.equal(placesSentFor(html, show(s.occurrence)), '· 3 korttipaikkaa jäljellä')
    assert.equal(codeValueIn(html), '')
    assert.notEqual(submissionKeyIn(html), form.submissionKey)
    assert.include(html, "name='_csrf'")
    assert.include(answer.header('hx-replace-url'), `choice=${show(s.occurrence)}`)
    assert.lengthOf(await CardUse.query().where('card_code', s.card.code), 1)

    // The next card with the new key registers too.
    const next = await registerByHtmx(
      client,
      s.venueUser,
      registrationForm(s.card.code, show(s.occurrence), { submissionKey: submissionKeyIn(html) })
    )
    next.assertStatus(200)
    assert.isNull(next.header('location') ?? null)
  })

  test('a ticket agent narrowed to one venue records a past show: its places name the venue and the recording afterwards', async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 4 })
    const past = await createOccurrence(s.offer, { daysAhead: -1, cardCap: 4 })
    const agent = await createUser('ticket_agent', {
      organisation: await createOrganisation(
        'ticket_agent',
        await s.venue.related('area').query().firstOrFail()
      ),
    })
    s.card.issuedOn = today().minus({ days: RECORD_AFTERWARDS_DAYS + 10 })
    await s.card.save()
    const answer = await registerByHtmx(
      client,
      agent,
      registrationForm(s.card.code, show(past), { venue: String(s.venue.id) })
    )
    answer.assertTextIncludes('Kirjattu: kortti')
    assert.equal(
      placesSentFor(answer.text(), show(past)),
      `(${s.venue.name}) · 3 korttipaikkaa jäljellä · jälkikirjaus`
    )
    // The list stays narrowed to the venue for the next card.
    assert.include(answer.text(), `<input type="hidden" name="venue" value="${s.venue.id}">`)
  })

  test('a refused card is the answer, the code kept; a full show offers the waiting list', async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 1 })
    const before = await countUses()
    const misread = await registerByHtmx(
      client,
      s.venueUser,
      registrationForm('ABC-DEF', show(s.occurrence))
    )
    misread.assertStatus(200)
    const refusal = cardRefusalIn(misread.text())
    assert.include(refusal, 'Kortin koodissa on 9 merkkiä.')
    assert.include(refusal, 'Kerro kortinhaltijalle:')
    assert.equal(codeValueIn(misread.text()), 'ABC-DEF')
    assert.equal(chosenShow(misread.text()), show(s.occurrence))

    // One place left, two asked for (the card has a child).
    const full = await registerByHtmx(
      client,
      s.venueUser,
      registrationForm(s.card.code, show(s.occurrence), { childrenCount: '1' })
    )
    full.assertStatus(200)
    assert.include(cardRefusalIn(full.text()), 'vain 1 korttipaikka')
    assert.include(full.text(), 'data-waiting-list-join')
    assert.equal(await countUses(), before)
  })

  test('mistakes in the form are errors next to their field, the input kept', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const before = await countUses()
    const unknown = await registerByHtmx(
      client,
      s.venueUser,
      registrationForm(s.card.code, 'occurrence-999999')
    )
    unknown.assertStatus(200)
    assert.include(unknown.text(), 'id="choice-error"')
    assert.include(unknown.text(), 'data-error-summary')
    assert.equal(codeValueIn(unknown.text()), s.card.code)
    // The validator's refusal goes back to the page, from which htmx takes the same regions.
    const invalid = await registerByHtmx(
      client,
      s.venueUser,
      registrationForm(s.card.code, show(s.occurrence), { childrenCount: '-1' })
    ).redirects(1)
    invalid.assertStatus(200)
    assert.include(invalid.text(), 'id="childrenCount-error"')
    assert.include(invalid.text(), 'id="box-office"')
    assert.equal(await countUses(), before)
  })

  test('a double submit registers once; a forged CSRF token is refused', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const before = await countUses()
    const form = registrationForm(s.card.code, show(s.occurrence))
    const answers = await Promise.all([
      registerByHtmx(client, s.venueUser, form),
      registerByHtmx(client, s.venueUser, form),
    ])
    for (const answer of answers) {
      answer.assertStatus(200)
      answer.assertTextIncludes('Kirjattu: kortti')
    }
    assert.equal(await countUses(), before + 1)
    // The repeat counted nothing, so its answer brings the whole choice again, with places left.
    assert.sameMembers(
      answers.map((answer) => chosenShow(answer.text())),
      [null, show(s.occurrence)]
    )

    const forged = await client
      .post(urlFor('registrations.store'))
      .form({ ...registrationForm(s.card.code, show(s.occurrence)), _csrf: 'forged' })
      .header('HX-Request', 'true')
      .header('HX-Target', 'box-office')
      .loginAs(s.venueUser)
      .redirects(0)
    forged.assertStatus(403)
    assert.equal(await countUses(), before + 1)
  })

  test('after the session ended, htmx is told to open the sign-in page in the whole window', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const before = await countUses()
    const expired = await client
      .post(urlFor('registrations.store'))
      .form({ ...registrationForm(s.card.code, show(s.occurrence)), _csrf: 'from-the-old-session' })
      .header('HX-Request', 'true')
      .header('HX-Target', 'box-office')
      .redirects(0)
    expired.assertStatus(204)
    expired.assertHeader('hx-redirect', urlFor('session.create'))
    assert.equal(await countUses(), before)
  })
})
