import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type User from '#registry/models/user'
import VenueRule from '#offers/models/venue_rule'
import { issueCard } from '#tests/helpers/fixtures'
import {
  countUses,
  createOccurrence,
  createOffer,
  recordUse,
  registrationForm,
} from '#tests/helpers/offer_fixtures'
import { generateCardCode } from '#registry/services/card_code'
import { today } from '#core/services/time'
import { cardRefusalIn, register, scene, show } from '#tests/helpers/registration_scene'

/**
 * Each refusal of the operating model, through the form: a refused card is the
 * page's answer about the card, any other refusal is shown next to its field,
 * and nothing is written; then the allowed case of the same rule is registered.
 */
type Refusal = {
  name: string
  prepare: () => Promise<{
    user: User
    refused: Record<string, unknown>
    allowed: Record<string, unknown>
  }>
  field: string
  message: string
}

const refusals: Refusal[] = [
  {
    name: 'unknown code',
    field: 'code',
    message: 'Tällä koodilla ei ole korttia. Tarkista koodi.',
    async prepare() {
      const s = await scene()
      return {
        user: s.venueUser,
        refused: registrationForm(generateCardCode(), show(s.occurrence)),
        allowed: registrationForm(s.card.code, show(s.occurrence)),
      }
    },
  },
  {
    name: 'check character wrong',
    field: 'code',
    message: 'Koodissa on kirjoitusvirhe: viimeinen merkki ei täsmää.',
    async prepare() {
      const s = await scene()
      const last = s.card.code.at(-1) === 'A' ? 'B' : 'A'
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code.slice(0, 8) + last, show(s.occurrence)),
        allowed: registrationForm(s.card.code.toLowerCase(), show(s.occurrence)),
      }
    },
  },
  {
    name: 'card not valid on the occurrence date',
    field: 'code',
    message: 'Kortti ei ole voimassa',
    async prepare() {
      // The card ran out yesterday: it is refused for a show in three days, and
      // allowed for last week's show, registered afterwards.
      const s = await scene()
      s.card.issuedOn = today().minus({ days: 60 })
      s.card.validUntil = today().minus({ days: 1 })
      await s.card.save()
      const lastWeek = await createOccurrence(s.offer, { daysAhead: -7 })
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence)),
        allowed: registrationForm(s.card.code, show(lastWeek)),
      }
    },
  },
  {
    name: 'card ended',
    field: 'code',
    message: 'Kortti on päättynyt. Sitä ei voi käyttää.',
    async prepare() {
      const s = await scene()
      const other = await issueCard(s.distributor)
      s.card.status = 'ended'
      await s.card.save()
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence)),
        allowed: registrationForm(other.code, show(s.occurrence)),
      }
    },
  },
  {
    name: 'card withdrawn',
    field: 'code',
    message: 'Kortti on poistettu käytöstä.',
    async prepare() {
      const s = await scene()
      const other = await issueCard(s.distributor)
      s.card.status = 'withdrawn'
      await s.card.save()
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence)),
        allowed: registrationForm(other.code, show(s.occurrence)),
      }
    },
  },
  {
    name: 'more children than registered',
    field: 'childrenCount',
    message: 'Korttiin on merkitty 1 lapsi. Kortin myöntänyt jakaja voi päivittää lasten määrän.',
    async prepare() {
      const s = await scene()
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence), { childrenCount: '2' }),
        allowed: registrationForm(s.card.code, show(s.occurrence), { childrenCount: '1' }),
      }
    },
  },
  {
    name: 'children not allowed here',
    field: 'childrenCount',
    message: 'Lapset eivät pääse tähän tarjoukseen maksutta.',
    async prepare() {
      const s = await scene({ childrenAllowed: false })
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence), { childrenCount: '1' }),
        allowed: registrationForm(s.card.code, show(s.occurrence), { childrenCount: '0' }),
      }
    },
  },
  {
    name: 'cap reached',
    field: 'choice',
    message: 'Tähän esitykseen on jäljellä vain 1 korttipaikka.',
    async prepare() {
      const s = await scene({}, { cardCap: 3 })
      for (let i = 0; i < 3; i++) {
        const card = await issueCard(s.distributor)
        await recordUse(card.code, s.offer, s.occurrence, {
          status: i === 0 ? 'cancelled' : 'registered',
        })
      }
      return {
        user: s.venueUser,
        // One place left: the cancelled use does not count, and a child takes a place too.
        refused: registrationForm(s.card.code, show(s.occurrence), { childrenCount: '1' }),
        allowed: registrationForm(s.card.code, show(s.occurrence), { childrenCount: '0' }),
      }
    },
  },
  {
    name: 'already a ticket to this production',
    field: 'code',
    message: 'Kortilla on jo lippu tähän tuotantoon.',
    async prepare() {
      const s = await scene({ oncePerCard: true })
      const second = await createOccurrence(s.offer, { daysAhead: 10 })
      const other = await issueCard(s.distributor)
      await recordUse(s.card.code, s.offer, s.occurrence)
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(second)),
        allowed: registrationForm(other.code, show(second)),
      }
    },
  },
  {
    name: 'too many open bookings at the venue',
    field: 'code',
    message: 'Kortilla on jo varaus tässä kohteessa.',
    async prepare() {
      const s = await scene()
      await VenueRule.create({ organisationId: s.venue.id, maxOpenBookings: 1 })
      const otherOffer = await createOffer(s.venue)
      const otherShow = await createOccurrence(otherOffer, { daysAhead: 5 })
      await recordUse(s.card.code, otherOffer, otherShow)
      const other = await issueCard(s.distributor)
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence)),
        allowed: registrationForm(other.code, show(s.occurrence)),
      }
    },
  },
  {
    name: 'community group outside 2-5',
    field: 'groupSize',
    message: 'Yhteisökortilla pääsee 2–5 hengen ryhmä.',
    async prepare() {
      const s = await scene()
      const community = await issueCard(s.distributor, {
        type: 'community',
        communityRole: 'worker',
        childrenCount: 0,
      })
      return {
        user: s.venueUser,
        refused: registrationForm(community.code, show(s.occurrence), { groupSize: '6' }),
        allowed: registrationForm(community.code, show(s.occurrence), { groupSize: '5' }),
      }
    },
  },
  {
    name: 'booking not open yet',
    field: 'choice',
    message: 'Kortilla ei voi vielä varata. Varaus avautuu',
    async prepare() {
      const s = await scene({ bookingOpensDays: 7 }, { daysAhead: 20 })
      const soon = await createOccurrence(s.offer, { daysAhead: 6 })
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence)),
        allowed: registrationForm(s.card.code, show(soon)),
      }
    },
  },
  {
    name: 'a gala',
    field: 'choice',
    message: 'Tämä esitys on gaala: kortti ei käy siihen.',
    async prepare() {
      const s = await scene({}, { excludedKind: 'gala' })
      const ordinary = await createOccurrence(s.offer, { daysAhead: 4 })
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, show(s.occurrence)),
        allowed: registrationForm(s.card.code, show(ordinary)),
      }
    },
  },
  {
    name: 'a swimming series used up',
    field: 'code',
    message: 'Kortilla on käytetty tänä vuonna 30/30 käyntiä.',
    async prepare() {
      const s = await scene({ type: 'series', yearlyVisits: 30 })
      await recordUse(s.card.code, s.offer, null, { places: 30 })
      const other = await issueCard(s.distributor)
      return {
        user: s.venueUser,
        refused: registrationForm(s.card.code, `offer-${s.offer.id}`),
        allowed: registrationForm(other.code, `offer-${s.offer.id}`),
      }
    },
  },
]

test.group('Registering a use: every refusal, and its allowed case', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  for (const refusal of refusals) {
    test(refusal.name, async ({ client, assert }) => {
      const { user, refused, allowed } = await refusal.prepare()
      const before = await countUses()

      const page = await register(client, user, refused)
      page.assertStatus(200)
      page.assertTextIncludes(refusal.message)
      if (refusal.field === 'code' || refusal.field === 'choice') {
        // An answer about the card, said to the holder: not "check these points".
        const answer = cardRefusalIn(page.text())
        assert.isNotNull(answer, refusal.name)
        assert.include(answer, refusal.message)
        assert.include(answer, `Kortti ${String(refused.code).toUpperCase()} ei käy`)
      } else {
        assert.include(page.text(), `id="${refusal.field}-error"`)
      }
      // What was typed is kept (the code field), and nothing was written.
      assert.include(page.text(), `value="${refused.code}"`)
      assert.equal(await countUses(), before)

      const ok = await register(client, user, allowed)
      ok.assertTextIncludes('Kirjattu: kortti')
      assert.equal(await countUses(), before + 1)
    })
  }
})
