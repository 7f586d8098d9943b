import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Area, { type AreaStatus } from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Organisation, {
  type DistributorCategory,
  type OrganisationType,
  type VenueCategory,
} from '#registry/models/organisation'
import User, { type CoordinatorSide } from '#registry/models/user'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import { recordCardAnswers } from '#surveys/services/card_wellbeing'
import Survey from '#surveys/models/survey'
import { addQuestion, createSurvey, openSurvey } from '#surveys/services/survey_editor'
import { generateCardCode } from '#registry/services/card_code'
import Offer from '#offers/models/offer'
import Occurrence from '#offers/models/occurrence'
import Genre from '#offers/models/genre'
import { ZONE } from '#core/services/time'
import CardUse from '#usage/models/card_use'
import { refreshSummaries } from '#stats/services/summary_refresh'
import Account from '#omakaiku/models/account'
import { saveNotificationChoices } from '#omakaiku/services/notification_settings'
import type { Role } from '#core/roles'

/** Every demo account uses this password (README). */
export const DEMO_PASSWORD = 'kaikukortti-demo'

type AreaData = {
  name: string
  /** The area's Swedish name, when it has one. */
  sv?: string
  municipalities: Partial<Record<AreaStatus, string[]>>
}

/* An area is in use if any of its municipalities is, else a pilot if any is. */
const areaStatus = (area: AreaData): AreaStatus =>
  area.municipalities.in_use?.length
    ? 'in_use'
    : area.municipalities.pilot?.length
      ? 'pilot'
      : 'coming'

const DEMO_ORGANISATIONS: Array<{
  name: string
  type: OrganisationType
  municipality: string | null
  venueCategory?: VenueCategory
  distributorCategory?: DistributorCategory
}> = [
  {
    name: 'Tampereen aikuissosiaalityö',
    type: 'distributor',
    municipality: 'Tampere',
    distributorCategory: 'social_services',
  },
  { name: 'Tampereen Teatteri', type: 'venue', municipality: 'Tampere', venueCategory: 'theatre' },
  {
    name: 'Sara Hildénin taidemuseo',
    type: 'venue',
    municipality: 'Tampere',
    venueCategory: 'museum',
  },
  {
    name: 'Tampereen uimahallit',
    type: 'venue',
    municipality: 'Tampere',
    venueCategory: 'swimming_hall',
  },
  { name: 'Lippupiste Pirkanmaa', type: 'ticket_agent', municipality: 'Tampere' },
  { name: 'Nokian mielenterveysyhdistys', type: 'partner', municipality: 'Nokia' },
  {
    name: 'Oulun perhekeskus',
    type: 'distributor',
    municipality: 'Oulu',
    distributorCategory: 'family_services',
  },
  // A third-sector distributor (the operating model wants one in every area): Pirkanmaa has none.
  {
    name: 'Oulun seurakuntien diakoniatyö',
    type: 'distributor',
    municipality: 'Oulu',
    distributorCategory: 'parish',
  },
  {
    name: 'Oulun kaupunginkirjasto',
    type: 'venue',
    municipality: 'Oulu',
    venueCategory: 'library',
  },
  {
    name: 'Kuopion kansalaisopisto',
    type: 'venue',
    municipality: 'Kuopio',
    venueCategory: 'adult_education',
  },
  {
    name: 'Kuopion sosiaalipalvelut',
    type: 'distributor',
    municipality: 'Kuopio',
    distributorCategory: 'social_services',
  },
  // Pop-up venues in Helsinki, coordinated by the national centre outside every area.
  { name: 'Amos Rex', type: 'venue', municipality: 'Helsinki', venueCategory: 'museum' },
  {
    name: 'Ateneumin taidemuseo',
    type: 'venue',
    municipality: 'Helsinki',
    venueCategory: 'museum',
  },
  {
    name: 'Helsingin Juhlaviikot',
    type: 'venue',
    municipality: 'Helsinki',
    venueCategory: 'festival',
  },
]

const DEMO_USERS: Array<{
  email: string
  fullName: string
  role: Role
  organisation?: string
  area?: string
  coordinatorSide?: CoordinatorSide
}> = [
  { email: 'admin@kaikukanta.test', fullName: 'Aino Kaikukeskus', role: 'admin' },
  {
    email: 'koordinaattori@kaikukanta.test',
    fullName: 'Kalle Koordinaattori',
    role: 'area_coordinator',
    area: 'Pirkanmaa',
    coordinatorSide: 'welfare',
  },
  {
    email: 'kulttuuri@kaikukanta.test',
    fullName: 'Kerttu Kulttuurikoordinaattori',
    role: 'area_coordinator',
    area: 'Pirkanmaa',
    coordinatorSide: 'culture',
  },
  {
    email: 'jakaja@kaikukanta.test',
    fullName: 'Jaana Jakaja',
    role: 'distributor',
    organisation: 'Tampereen aikuissosiaalityö',
  },
  {
    email: 'jakaja.oulu@kaikukanta.test',
    fullName: 'Olli Oululainen',
    role: 'distributor',
    organisation: 'Oulun perhekeskus',
  },
  {
    email: 'kohde@kaikukanta.test',
    fullName: 'Veera Kohde',
    role: 'venue',
    organisation: 'Tampereen Teatteri',
  },
  {
    email: 'lipunvalittaja@kaikukanta.test',
    fullName: 'Lasse Lipunvälittäjä',
    role: 'ticket_agent',
    organisation: 'Lippupiste Pirkanmaa',
  },
  {
    email: 'popup@kaikukanta.test',
    fullName: 'Pia Pop-up',
    role: 'venue',
    organisation: 'Helsingin Juhlaviikot',
  },
]

/**
 * Demo data: the real areas and municipalities with their status, a few
 * organisations of each type, one user per role, and some cards. Safe to run
 * again: it adds only what is missing.
 */
export default class MainSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const raw = await readFile(app.makePath('database/data/areas.json'), 'utf8')
    const { areas } = JSON.parse(raw) as { areas: AreaData[] }

    for (const data of areas) {
      const status = areaStatus(data)
      const area = await Area.firstOrCreate(
        { name: data.name },
        {
          status,
          nameSv: data.sv ?? null,
          pilotEndsOn:
            status === 'pilot' ? DateTime.fromISO(`${DateTime.now().year + 1}-12-31`) : null,
        }
      )
      if (area.nameSv === null && data.sv) await area.merge({ nameSv: data.sv }).save()
      for (const [municipalityStatus, names] of Object.entries(data.municipalities)) {
        for (const name of names ?? []) {
          const municipality = await Municipality.firstOrCreate(
            { name },
            { areaId: area.id, status: municipalityStatus as AreaStatus }
          )
          // The national list (a migration) has it outside every area until its area takes it.
          if (municipality.areaId === null) {
            await municipality
              .merge({ areaId: area.id, status: municipalityStatus as AreaStatus })
              .save()
          }
        }
      }
    }

    for (const data of DEMO_ORGANISATIONS) {
      const municipality = data.municipality
        ? await Municipality.findByOrFail('name', data.municipality)
        : null
      await Organisation.firstOrCreate(
        { name: data.name },
        {
          type: data.type,
          areaId: municipality?.areaId ?? null,
          municipalityId: municipality?.id ?? null,
          venueCategory: data.venueCategory ?? null,
          distributorCategory: data.distributorCategory ?? null,
          active: true,
        }
      )
    }

    for (const data of DEMO_USERS) {
      const organisation = data.organisation
        ? await Organisation.findByOrFail('name', data.organisation)
        : null
      const area = data.area ? await Area.findByOrFail('name', data.area) : null
      await User.firstOrCreate(
        { email: data.email },
        {
          fullName: data.fullName,
          role: data.role,
          password: DEMO_PASSWORD,
          organisationId: organisation?.id ?? null,
          areaId: area?.id ?? null,
          coordinatorSide: data.coordinatorSide ?? null,
          active: true,
        }
      )
    }

    await this.#seedNetwork()
    await this.#seedCards('jakaja@kaikukanta.test', 40)
    await this.#seedCards('jakaja.oulu@kaikukanta.test', 12)
    await this.#seedOffers()
    await this.#seedPopUpOffer()
    await this.#seedHolder()
    await this.#seedSurveys()
    await this.#seedPastUses()
    // The statistics read summary tables; the scheduler keeps them current, the demo starts with them.
    await refreshSummaries({ full: true })
  }

  /**
   * The network's life cycle (docs/NETWORK.md): the demo organisations are
   * approved and most have signed their commitment (a few have not, so the
   * list of missing commitments shows them); the Pirkanmaa coordinator has
   * proposed one venue that waits for the national centre.
   */
  async #seedNetwork() {
    const signedOn = DateTime.fromISO(`${DateTime.now().year}-01-15`)
    const unsigned = ['Tampereen uimahallit', 'Nokian mielenterveysyhdistys']
    await Organisation.query()
      .whereIn(
        'name',
        DEMO_ORGANISATIONS.map((data) => data.name).filter((name) => !unsigned.includes(name))
      )
      .whereIn('type', ['distributor', 'venue', 'partner'])
      .whereNull('commitment_signed_on')
      .update({ commitment_signed_on: signedOn.toISODate(), commitment_version: '2025' })
    const coordinator = await User.findByOrFail('email', 'koordinaattori@kaikukanta.test')
    const tampere = await Municipality.findByOrFail('name', 'Tampere')
    await Organisation.firstOrCreate(
      { name: 'Tampereen Sirkuskoulu' },
      {
        type: 'venue',
        venueCategory: 'other',
        areaId: tampere.areaId,
        municipalityId: tampere.id,
        active: true,
        approval: 'proposed',
        proposedAt: DateTime.now(),
        proposedByUserId: coordinator.id,
      }
    )
  }

  /** The coordinator's open partner survey and anonymous survey (with a background question). */
  /** Past visits with the demo cards: museum and swimming, some with children, some from Oulu (cross-use). */
  async #seedPastUses() {
    const museum = await Offer.findByOrFail('title', 'Valon vuodet – näyttely')
    const swimming = await Offer.findByOrFail('title', 'Uintisarja')
    if (await CardUse.findBy('offer_id', museum.id)) return
    const cards = await Card.query().where('type', 'personal').orderBy('id')
    const today = DateTime.now().setZone(ZONE).startOf('day')
    for (const [index, card] of cards.entries()) {
      // About a third of the cards are never used.
      if (index % 3 === 2) continue
      const until = DateTime.min(card.validUntil, today.minus({ days: 1 }))
      const days = Math.floor(until.diff(card.issuedOn, 'days').days)
      if (days < 1) continue
      for (let visit = 0; visit < 1 + (index % 4); visit++) {
        const offer = visit % 2 === 0 ? museum : swimming
        const children = index % 5 === 0 ? 1 : 0
        await CardUse.create({
          cardCode: card.code,
          organisationId: offer.organisationId,
          offerId: offer.id,
          occurrenceId: null,
          usedOn: card.issuedOn.plus({ days: ((index + 1) * (visit + 3) * 7) % days }),
          places: 1 + children,
          childrenCount: children,
          status: 'registered',
          registeredByOrganisationId: offer.organisationId,
          submissionKey: randomUUID(),
        })
      }
    }
  }

  async #seedSurveys() {
    const coordinator = await User.findByOrFail('email', 'koordinaattori@kaikukanta.test')
    const closesOn = DateTime.now().plus({ weeks: 3 }).toJSDate()
    const surveys = [
      {
        kind: 'partner' as const,
        title: 'Jatkaako organisaationne Kaikukortti-toiminnassa ensi vuonna?',
        questions: [
          {
            kind: 'single' as const,
            text: 'Jatkatteko ensi vuonna?',
            choices: 'Kyllä\nEi\nEi vielä tiedossa',
            required: true,
          },
          { kind: 'text' as const, text: 'Terveiset koordinaattorille' },
        ],
      },
      {
        kind: 'anonymous' as const,
        title: 'Kaikukortti ja arki',
        questions: [
          {
            kind: 'single' as const,
            text: 'Mikä on korkein koulutuksesi?',
            choices: 'Perusaste tai ei tutkintoa\nToinen aste\nKorkea-aste',
          },
          {
            kind: 'scale' as const,
            text: 'Kuinka helppoa kortin käyttö on?',
            scaleMax: '5' as const,
            scaleMinLabel: 'Vaikeaa',
            scaleMaxLabel: 'Helppoa',
          },
          { kind: 'text' as const, text: 'Mitä haluat kertoa?' },
        ],
      },
    ]
    for (const data of surveys) {
      if (await Survey.findBy('title', data.title)) continue
      const survey = await createSurvey(
        {
          kind: data.kind,
          title: data.title,
          language: 'fi',
          audience: 'all',
          closesOn,
          submissionKey: randomUUID(),
        },
        coordinator
      )
      for (const question of data.questions) await addQuestion(survey, question)
      await openSurvey(survey)
    }
  }

  /**
   * A cardholder with an OmaKaiku account (on the omakaiku connection) and a
   * ticket to the next show of Kevätuhri.
   */
  async #seedHolder() {
    if (await Account.findBy('email', 'kortti@kaikukanta.test')) return
    const distributor = await User.findByOrFail('email', 'jakaja@kaikukanta.test')
    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .where('status', 'active')
      .where('type', 'personal')
      .where('valid_until', '>=', DateTime.now().toISODate()!)
      .orderBy('id')
      .firstOrFail()
    const organisation = await Organisation.findOrFail(distributor.organisationId)
    const account = await Account.create({
      cardCode: card.code,
      firstName: 'Aino',
      lastName: 'Kortinhaltija',
      email: 'kortti@kaikukanta.test',
      phone: '+358401234567',
      municipalityId: organisation.municipalityId!,
      locale: 'fi',
      password: DEMO_PASSWORD,
      activatedAt: DateTime.utc(),
    })
    card.omakaikuAccountAt = account.createdAt
    await card.save()
    // The demo holder chose ticket reminders and venue news by e-mail (see /messages and the reminder jobs).
    await saveNotificationChoices(account.id, {
      enabled: true,
      kinds: ['ticketReminders', 'venueNews'],
      channels: ['byEmail'],
      genreIds: [],
    })

    const play = await Offer.findByOrFail('title', 'Kevätuhri')
    const show = await Occurrence.query()
      .where('offer_id', play.id)
      .where('starts_at', '>', DateTime.utc().toSQL({ includeOffset: false })!)
      .orderBy('starts_at')
      .first()
    if (!show) return
    await CardUse.create({
      cardCode: card.code,
      organisationId: play.organisationId,
      offerId: play.id,
      occurrenceId: show.id,
      usedOn: show.startsAt,
      places: 1,
      childrenCount: 0,
      status: 'registered',
      registeredByOrganisationId: play.organisationId,
      registeredByUserId: null,
      submissionKey: `demo-ticket-${card.code}`,
    })
  }

  /** A few offers in Tampere: a play with weekly shows, an exhibition, a swimming series. */
  async #seedOffers() {
    const genre = async (key: string) => {
      const found = await Genre.findByOrFail('key', key)
      return found.id
    }
    const place = async (organisationName: string) => {
      const organisation = await Organisation.findByOrFail('name', organisationName)
      return { organisationId: organisation.id, municipalityId: organisation.municipalityId! }
    }
    const common = { published: true, guestProduction: false, weekendsExcluded: false }
    const play = await Offer.firstOrCreate(
      { title: 'Kevätuhri' },
      {
        ...(await place('Tampereen Teatteri')),
        ...common,
        description:
          'Draama kolmen sukupolven perheestä ja yhdestä keväästä. Kesto 2 h 15 min, väliaika.',
        type: 'performance',
        genreId: await genre('drama'),
        location: 'Suuri näyttämö, Hämeenpuisto 14, Tampere',
        accessibility:
          'Esteetön sisäänkäynti Hämeenpuiston puolelta, induktiosilmukka, 4 pyörätuolipaikkaa.',
        childrenAllowed: true,
        oncePerCard: true,
        bookingOpensDays: 14,
      }
    )
    if (!(await Occurrence.findBy('offer_id', play.id))) {
      const first = DateTime.now().setZone(ZONE).startOf('day').set({ hour: 19 })
      await Occurrence.createMany(
        [0, 7, 14, 21, 28].map((days, index) => ({
          offerId: play.id,
          startsAt: first.plus({ days }).toUTC(),
          capacity: 400,
          cardCap: 12,
          excludedKind: index === 4 ? ('gala' as const) : null,
        }))
      )
    }
    await Offer.firstOrCreate(
      { title: 'Valon vuodet – näyttely' },
      {
        ...(await place('Sara Hildénin taidemuseo')),
        ...common,
        description: 'Valokuvia Tampereelta 1950–1980. Opastetut kierrokset sunnuntaisin.',
        type: 'exhibition',
        genreId: await genre('history_museum'),
        location: 'Laukontori 4, Tampere',
        accessibility: 'Koko museo on esteetön. Lainattavia pyörätuoleja ja kuulokkeita.',
        childrenAllowed: true,
        oncePerCard: false,
        bookingOpensDays: null,
      }
    )
    await Offer.firstOrCreate(
      { title: 'Uintisarja' },
      {
        ...(await place('Tampereen uimahallit')),
        ...common,
        description: 'Uintikertoja koko vuodeksi. Lapsen käynti vähentää yhden käynnin sarjasta.',
        type: 'series',
        genreId: await genre('swimming'),
        location: 'Sammonkatu 60, Tampere',
        accessibility: 'Allasnostin ja esteetön pukuhuone.',
        childrenAllowed: true,
        oncePerCard: false,
        bookingOpensDays: null,
        yearlyVisits: 30,
      }
    )
  }

  /** The pop-up festival's concert in Helsinki, outside every area, with shows every week. */
  async #seedPopUpOffer() {
    const festival = await Organisation.findByOrFail('name', 'Helsingin Juhlaviikot')
    const music = await Genre.findByOrFail('key', 'music')
    const concert = await Offer.firstOrCreate(
      { title: 'Puistokonsertti Kaivopuistossa' },
      {
        organisationId: festival.id,
        municipalityId: festival.municipalityId!,
        published: true,
        guestProduction: false,
        weekendsExcluded: false,
        description: 'Ulkoilmakonsertti festivaalin päätteeksi. Kesto noin 2 tuntia, ei väliaikaa.',
        type: 'performance',
        genreId: music.id,
        location: 'Kaivopuisto, Helsinki',
        accessibility: 'Esteetön kulku puiston pääportilta, pyörätuolipaikat lavan edessä.',
        childrenAllowed: true,
        oncePerCard: true,
        bookingOpensDays: null,
      }
    )
    if (await Occurrence.findBy('offer_id', concert.id)) return
    const first = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 3 }).set({ hour: 18 })
    await Occurrence.createMany(
      [0, 7, 14].map((days) => ({
        offerId: concert.id,
        startsAt: first.plus({ days }).toUTC(),
        capacity: 2000,
        cardCap: 40,
        excludedKind: null,
      }))
    )
  }

  /** Cards issued over the past two years, some of them expired, ended or withdrawn. */
  async #seedCards(distributorEmail: string, count: number) {
    const user = await User.findByOrFail('email', distributorEmail)
    const existing = await Card.query()
      .where('issuing_organisation_id', user.organisationId!)
      .count('* as total')
    if (Number(existing[0].$extras.total) > 0) return

    const today = DateTime.utc().startOf('day')
    const tongues = [['fi'], ['fi'], ['fi'], ['sv'], ['ru'], ['ar'], ['fi', 'en'], ['so'], []]
    const genders = ['woman', 'man', 'woman', 'other', 'not_given', null] as const
    const situations = ['unemployed', 'retired', 'student', 'employed', 'other', null] as const

    for (let index = 0; index < count; index++) {
      const issuedOn = today.minus({ days: (index * 17) % 700 })
      const status = index % 13 === 5 ? 'ended' : index % 17 === 7 ? 'withdrawn' : 'active'
      const card = await Card.create({
        code: generateCardCode(),
        type: index % 9 === 4 ? 'community' : 'personal',
        communityRole: index % 9 === 4 ? 'worker' : null,
        issuingOrganisationId: user.organisationId!,
        issuedOn,
        validUntil: issuedOn.plus({ years: 1 }),
        status,
        endedOn: status === 'active' ? null : issuedOn.plus({ months: 3 }),
        birthYear: 1950 + ((index * 7) % 58),
        postalCode: distributorEmail.includes('oulu')
          ? '90100'
          : ['33100', '33200', '33500', '33720'][index % 4],
        childrenCount: index % 5 === 0 ? 2 : index % 7 === 0 ? 1 : 0,
        motherTongues: tongues[index % tongues.length],
        gender: genders[index % genders.length],
        lifeSituation: situations[index % situations.length],
        consentGivenAt: issuedOn,
        revision: 1,
      })
      await CardEvent.create({
        cardId: card.id,
        kind: 'issued',
        userId: user.id,
        organisationId: user.organisationId,
        validUntilBefore: null,
        validUntilAfter: card.validUntil,
        submissionKey: null,
      })
      // Every third card's holder has also answered WHO-5 and the participation indicator.
      const omaKaiku =
        index % 3 === 0 && status === 'active'
          ? {
              who5: [0, 1, 2, 3, 4].map((item) => (index + item) % 6),
              participation: Array.from({ length: 10 }, (_, item) => 1 + ((index + item) % 5)),
            }
          : null
      await db.connection('registry').transaction(async (trx) => {
        await recordCardAnswers(trx, card.id, 'issue', issuedOn, { swb: [3 + (index % 7)] })
        if (omaKaiku) await recordCardAnswers(trx, card.id, 'omakaiku', today, omaKaiku)
      })
    }
  }
}
