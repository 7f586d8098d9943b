import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import PrintedCode from '#registry/models/printed_code'
import { checkCharacter, formatCardCode } from '#registry/services/card_code'
import { LOCALE_COOKIE } from '#core/services/locale'
import { cardForm, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createPrintRun } from '#tests/helpers/print_fixtures'

const countCards = async () => Number((await Card.query().count('* as total'))[0].$extras.total)

/** A distributor of an area whose area has a print run of personal cards. */
async function scene() {
  const distributor = await createUser('distributor')
  const organisation = await Organisation.findOrFail(distributor.organisationId)
  const area = { id: organisation.areaId! }
  const { codes } = await createPrintRun(area)
  return { distributor, organisation, area, codes }
}

function register(client: ApiClient, user: User, form: Record<string, unknown>, locale = 'fi') {
  return client
    .post(urlFor('cards.store'))
    .form(form)
    .withCsrfToken()
    .withPlainCookie(LOCALE_COOKIE, locale)
    .loginAs(user)
    .header('referer', urlFor('cards.create'))
}

const printed = (code: string, overrides: Record<string, unknown> = {}) =>
  cardForm({ codeSource: 'printed', code, ...overrides })

/** A code with the wrong check character (one of the data characters changed). */
const mistyped = (code: string) => {
  const data = (code[0] === '7' ? '8' : '7') + code.slice(1, 8)
  return data + code[8] === data + checkCharacter(data) ? data + '0' : data + code[8]
}

type Refusal = {
  name: string
  message: string
  code: (s: Awaited<ReturnType<typeof scene>>) => Promise<string>
  form?: Record<string, unknown>
}

const refusals: Refusal[] = [
  {
    name: 'a wrong check character',
    message: 'Koodissa on kirjoitusvirhe: viimeinen merkki ei täsmää. Tarkista koodi.',
    code: async ({ codes }) => mistyped(codes[0]),
  },
  {
    name: 'a code no print run reserved',
    message: 'Tällä koodilla ei ole painettu kortteja. Tarkista koodi.',
    code: async () => {
      const data = 'ABCDEFGH'
      return data + checkCharacter(data)
    },
  },
  {
    name: 'a printed card already registered',
    message: 'Tämä kortti on jo rekisteröity. Samaa korttia ei voi rekisteröidä kahdesti.',
    code: async ({ codes, distributor }) => {
      await issueCard(distributor, { codeSource: 'printed', code: codes[1] })
      return codes[1]
    },
  },
  {
    name: 'a card of a cancelled print run',
    message: 'Tämän kortin painatus on peruttu, eikä korttia voi rekisteröidä. Ota toinen kortti.',
    code: async ({ area }) => (await createPrintRun(area, { cancelled: true })).codes[0],
  },
  {
    name: 'a card printed for another area',
    message:
      'Tämä kortti on painettu toiselle Kaikukortti-alueelle. Rekisteröi oman alueesi kortti.',
    code: async () => {
      const elsewhere = await createOrganisation('distributor')
      return (await createPrintRun({ id: elsewhere.areaId! })).codes[0]
    },
  },
  {
    name: 'a card printed for another distributor of the same area',
    message:
      'Tämä kortti on painettu toiselle jakajaorganisaatiolle. Rekisteröi oman organisaatiosi kortti.',
    code: async ({ organisation }) => {
      const area = await organisation.related('area').query().firstOrFail()
      const neighbour = await createOrganisation('distributor', area)
      return (await createPrintRun(area, { organisation: neighbour })).codes[0]
    },
  },
  {
    name: 'a community card registered as a personal card',
    message: 'Tämä on Yhteisön Kaikukortti. Valitse kortin tyypiksi yhteisökortti.',
    code: async ({ area }) => (await createPrintRun(area, { cardType: 'community' })).codes[0],
  },
]

test.group('Registering a pre-printed card', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('an area with printed cards starts the form with the code; others with a new code', async ({
    client,
    assert,
  }) => {
    const { distributor } = await scene()
    const page = await client.get(urlFor('cards.create')).loginAs(distributor)
    page.assertTextIncludes('Painetun kortin koodi')
    page.assertTextIncludes('Toisen alueen painettua korttia ei voi rekisteröidä')
    assert.match(page.text(), /id="codeSource" value="printed" checked/)
    // The code comes first, before the card type.
    assert.isBelow(page.text().indexOf('name="code"'), page.text().indexOf('name="type"'))

    const elsewhere = await createUser('distributor')
    const plain = await client.get(urlFor('cards.create')).loginAs(elsewhere)
    assert.match(plain.text(), /id="codeSource-new" value="new" checked/)
  })

  test('a distributor registers one of its area’s printed cards under the printed code', async ({
    client,
    assert,
  }) => {
    const { distributor, codes } = await scene()
    const typed = formatCardCode(codes[0]).toLowerCase()
    const response = await register(client, distributor, printed(typed)).redirects(0)

    const card = await Card.findByOrFail('code', codes[0])
    response.assertStatus(302)
    response.assertHeader('location', urlFor('cards.show', { id: card.id }))
    assert.equal(card.issuingOrganisationId, distributor.organisationId)
    assert.equal(card.childrenCount, 1)
  })

  for (const refusal of refusals) {
    test(`refused in words next to the code: ${refusal.name}`, async ({ client, assert }) => {
      const s = await scene()
      const code = await refusal.code(s)
      const before = await countCards()
      const response = await register(client, s.distributor, printed(code))
      response.assertTextIncludes(refusal.message)
      assert.match(response.text(), /id="code-error"/)
      // What was typed is kept.
      assert.match(response.text(), /id="birthYear"[^>]*value="1980"/)
      assert.equal(await countCards(), before)
    })
  }

  test('a printed community card registers as a community card', async ({ client, assert }) => {
    const { distributor, area } = await scene()
    const { codes } = await createPrintRun(area, { cardType: 'community' })
    await register(
      client,
      distributor,
      printed(codes[0], { type: 'community', communityRole: 'worker' })
    ).redirects(0)
    assert.equal((await Card.findByOrFail('code', codes[0])).type, 'community')
  })

  test('a run ordered for this distributor is its own to register', async ({ client, assert }) => {
    const { distributor, organisation, area } = await scene()
    const { codes } = await createPrintRun(area, { organisation })
    await register(client, distributor, printed(codes[0])).redirects(0)
    assert.isNotNull(await Card.findBy('code', codes[0]))
  })

  test('without a printed card the distributor issues under a new code no print run holds', async ({
    client,
    assert,
  }) => {
    const { distributor } = await scene()
    await register(client, distributor, cardForm({ codeSource: 'new', code: '' })).redirects(0)
    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .firstOrFail()
    assert.isNull(await PrintedCode.findBy('code', card.code))
  })

  test('choosing a printed card without a code asks for the code', async ({ client, assert }) => {
    const { distributor } = await scene()
    const response = await register(client, distributor, printed(''))
    response.assertTextIncludes('Kirjoita kortin koodi.')
    assert.equal(await countCards(), 0)
  })

  test('the code checked as it is typed or scanned (htmx): a refusal, or that it is fine', async ({
    client,
  }) => {
    const { distributor, codes } = await scene()
    const check = (code: string) =>
      client
        .post(urlFor('cards.check_field'))
        .form({ codeSource: 'printed', code, type: 'personal' })
        .header('hx-request', 'true')
        .header('hx-trigger-name', 'code')
        .withCsrfToken()
        .loginAs(distributor)
    ;(await check(mistyped(codes[0]))).assertTextIncludes('viimeinen merkki ei täsmää')
    ;(await check(codes[0])).assertTextIncludes(
      `Koodi ${formatCardCode(codes[0])} käy: tämä painettu kortti rekisteröidään.`
    )
  })

  test('without JavaScript, Enter in the code field only checks the code and keeps the form', async ({
    client,
    assert,
  }) => {
    const { distributor, codes } = await scene()
    // Enter presses the form's first button, "Check the code".
    const half = { codeSource: 'printed', code: codes[0], birthYear: '1975', checkCode: '1' }
    const ok = await register(client, distributor, half)
    ok.assertTextIncludes(`Koodi ${formatCardCode(codes[0])} käy`)
    assert.match(ok.text(), /id="birthYear"[^>]*value="1975"/)
    assert.notMatch(ok.text(), /id="postalCode-error"/)

    const wrong = await register(client, distributor, { ...half, code: mistyped(codes[0]) })
    wrong.assertTextIncludes('viimeinen merkki ei täsmää')
    assert.match(wrong.text(), /id="birthYear"[^>]*value="1975"/)
    assert.equal(await countCards(), 0)
  })

  test('a double submit registers the printed card once, and both land on it', async ({
    client,
    assert,
  }) => {
    const { distributor, codes } = await scene()
    const form = printed(codes[0])
    const send = () => register(client, distributor, form).redirects(0)
    const [first, second] = await Promise.all([send(), send()])
    assert.equal(await countCards(), 1)
    assert.equal(first.header('location'), second.header('location'))
  })

  test('two desks registering the same printed card at once: one card, the other hears why', async ({
    client,
    assert,
  }) => {
    const { distributor, codes } = await scene()
    const colleague = await createUser('distributor', {
      organisation: await Organisation.findOrFail(distributor.organisationId),
    })
    const responses = await Promise.all([
      register(client, distributor, printed(codes[0])),
      register(client, colleague, printed(codes[0])),
    ])
    assert.equal(await countCards(), 1)
    const refused = responses.filter((response) =>
      response.text().includes('Tämä kortti on jo rekisteröity.')
    )
    assert.lengthOf(refused, 1)
  })

  test('refusals in Swedish and English', async ({ client }) => {
    const s = await scene()
    const elsewhere = await createOrganisation('distributor')
    const { codes } = await createPrintRun({ id: elsewhere.areaId! })
    ;(await register(client, s.distributor, printed(codes[0]), 'sv')).assertTextIncludes(
      'Det här kortet har tryckts för ett annat Kaikukort-område.'
    )
    ;(await register(client, s.distributor, printed(codes[0]), 'en')).assertTextIncludes(
      'This card was printed for another Kaikukortti area.'
    )
  })
})
