import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { ZONE, isoDateFromRow } from '#core/services/time'
import { parseCardCode } from '#registry/services/card_code'
import type { VenueCategory } from '#registry/services/directory'

/*
| node ace stats:generate: a large, realistic data set in the registry for
| benchmarking the statistics (bench/stats), beside the demo seed and apart
| from it. Everything it adds is recognisable and removed by --clean:
| organisations named "Bench …" (with their offers, shows, cards, card
| history, wellbeing answers and uses), cards whose code starts with ZZ, and
| the staff users bench.*@kaikukanta.test.
|
| It places distributors, venues and ticket agents in the real areas and
| municipalities (in use or pilot), weighted by population; cards are issued
| over --years years with growth and a seasonal pattern; uses follow each
| card's validity, mostly in its own area, with a long tail of frequent users.
| The same --seed gives the same data set. Rows go in as multi-row INSERTs in
| chunks inside transactions, in time order: cards by issue day, uses month by
| month (within a month in card order, so that the indexes on the card code
| fill in order), and no more than one chunk of uses is held in memory.
*/

const NAME_PREFIX = 'Bench '
const EMAIL_DOMAIN = '@kaikukanta.test'
const BENCH_PASSWORD = 'kaikukortti-bench'
/** Card codes of the data set: "ZZ", six characters counting up, and the check character. */
const CODE_PREFIX = 'ZZ'
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

const DISTRIBUTORS = 500
const VENUES = 450
const TICKET_AGENTS = 4

const DAY = 86_400
/** Multi-row INSERTs per transaction. */
const STATEMENTS_PER_TRANSACTION = 25
/** Connections removing a data set at once (MySQL/MariaDB). */
const DELETE_LANES = 4
const DAY_MS = DAY * 1000

/*
|--------------------------------------------------------------------------
| Deterministic randomness
|--------------------------------------------------------------------------
| mulberry32, reseeded per card, per use and per offer from the run's seed,
| so that each thing's values do not depend on the order of generation.
*/
class Random {
  state = 0

  constructor(seed = 0) {
    this.state = seed >>> 0
  }

  reseed(seed: number) {
    this.state = seed >>> 0
    return this
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  int(n: number) {
    return Math.floor(this.next() * n)
  }

  between(min: number, max: number) {
    return min + this.int(max - min + 1)
  }

  chance(p: number) {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  normal(mean: number, sd: number) {
    const u = 1 - this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
}

/** A 32-bit hash of the run's seed and a few numbers (murmur3's finaliser over FNV). */
function seedOf(seed: number, stream: number, a = 0, b = 0) {
  let h = 0x811c9dc5 ^ seed
  h = Math.imul(h ^ stream, 0x01000193)
  h = Math.imul(h ^ a, 0x01000193)
  h = Math.imul(h ^ b, 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const STREAM = { place: 1, card: 2, dates: 3, use: 4, offer: 5, count: 6 } as const

/** Picks by weight (binary search over the running total). */
class Weighted<T> {
  readonly values: T[]
  readonly #cumulative: Float64Array

  constructor(entries: Array<[T, number]>) {
    this.values = entries.map(([value]) => value)
    this.#cumulative = new Float64Array(entries.length)
    let total = 0
    entries.forEach(([, weight], index) => {
      total += Math.max(weight, 0)
      this.#cumulative[index] = total
    })
  }

  get total() {
    return this.#cumulative.length ? this.#cumulative[this.#cumulative.length - 1] : 0
  }

  pick(random: Random): T {
    const target = random.next() * this.total
    let low = 0
    let high = this.#cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.#cumulative[middle] > target) high = middle
      else low = middle + 1
    }
    return this.values[low]
  }
}

/*
|--------------------------------------------------------------------------
| Days and timestamps
|--------------------------------------------------------------------------
| A day is a whole number (days since 1970-01-01, a Finnish calendar day); a
| moment is seconds since the epoch in UTC, the way the app stores it.
*/
const dayOf = (year: number, month: number, date: number) =>
  Date.UTC(year, month - 1, date) / DAY_MS

class Calendar {
  readonly first: number
  readonly #texts: string[] = []
  readonly #offsets: Int32Array
  readonly #clock: string[] = []
  readonly year: Int16Array
  readonly month: Int8Array
  readonly weekday: Int8Array

  constructor(first: number, last: number) {
    this.first = first
    const count = last - first + 1
    this.#offsets = new Int32Array(count)
    this.year = new Int16Array(count)
    this.month = new Int8Array(count)
    this.weekday = new Int8Array(count)
    for (let index = 0; index < count; index++) {
      const date = new Date((first + index) * DAY_MS)
      this.#texts.push(date.toISOString().slice(0, 10))
      this.year[index] = date.getUTCFullYear()
      this.month[index] = date.getUTCMonth() + 1
      this.weekday[index] = ((date.getUTCDay() + 6) % 7) + 1
      this.#offsets[index] = DateTime.fromObject(
        { year: this.year[index], month: this.month[index], day: date.getUTCDate(), hour: 12 },
        { zone: ZONE }
      ).offset
    }
    const two = (n: number) => String(n).padStart(2, '0')
    for (let second = 0; second < DAY; second++) {
      this.#clock.push(
        `${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`
      )
    }
  }

  /** yyyy-MM-dd */
  text(day: number) {
    return this.#texts[day - this.first]
  }

  yearOf(day: number) {
    return this.year[day - this.first]
  }

  monthOf(day: number) {
    return this.month[day - this.first]
  }

  /** 1 = Monday … 7 = Sunday */
  weekdayOf(day: number) {
    return this.weekday[day - this.first]
  }

  /** The moment of a Finnish wall-clock time on a day. */
  moment(day: number, localSeconds: number) {
    return day * DAY + localSeconds - this.#offsets[day - this.first] * 60
  }

  /** A moment as the app's timestamp text (UTC). */
  stamp(moment: number) {
    const day = Math.floor(moment / DAY)
    return `${this.#texts[day - this.first]} ${this.#clock[moment - day * DAY]}`
  }
}

/** The same calendar date a year later (29 February → 28 February), like luxon's plus({ years: 1 }). */
function yearLater(day: number) {
  const date = new Date(day * DAY_MS)
  const month = date.getUTCMonth() + 1
  const next = date.getUTCDate() === 29 && month === 2 ? 28 : date.getUTCDate()
  return dayOf(date.getUTCFullYear() + 1, month, next)
}

/*
|--------------------------------------------------------------------------
| What the country looks like
|--------------------------------------------------------------------------
*/

/** Rough populations (thousands) of the larger municipalities; the rest count as 4. */
const POPULATION: Record<string, number> = {
  Espoo: 315,
  Tampere: 260,
  Oulu: 215,
  Vantaa: 245,
  Kuopio: 125,
  Lappeenranta: 73,
  Vaasa: 68,
  Hämeenlinna: 68,
  Seinäjoki: 65,
  Rovaniemi: 65,
  Kotka: 51,
  Kokkola: 48,
  Järvenpää: 46,
  Lohja: 46,
  Nurmijärvi: 45,
  Tuusula: 40,
  Kerava: 38,
  Kajaani: 36,
  Nokia: 35,
  Savonlinna: 31,
  Riihimäki: 29,
  Imatra: 25,
  Raahe: 24,
  Siilinjärvi: 22,
  Valkeakoski: 21,
  Tornio: 21,
  Iisalmi: 21,
  Kempele: 20,
  Kemi: 20,
  Varkaus: 20,
  Mustasaari: 19,
  Pietarsaari: 19,
  Hamina: 19,
  Forssa: 17,
  Kuusamo: 15,
  Ylivieska: 15,
  Kauhava: 15,
  Lapua: 14,
  Kalajoki: 12,
  Pedersöre: 11,
  Kauniainen: 10,
  Haaparanta: 10,
  Ii: 10,
  Nivala: 10,
  Sotkamo: 10,
  Orivesi: 9,
  Närpiö: 9,
  Alajärvi: 9,
  Leppävirta: 9,
  Lapinlahti: 9,
  Loppi: 8,
  Hausjärvi: 8,
  Keminmaa: 8,
  Karkkila: 8,
  Laihia: 8,
  Kiuruvesi: 8,
  Kuhmo: 8,
}

/** The first two digits of postal codes, by municipality (and by area for the rest). */
const POSTAL_PREFIX: Record<string, string[]> = {
  'Espoo': ['02'],
  'Tampere': ['33'],
  'Oulu': ['90'],
  'Kuopio': ['70'],
  'Lappeenranta': ['53'],
  'Vaasa': ['65'],
  'Hämeenlinna': ['13'],
  'Seinäjoki': ['60'],
  'Rovaniemi': ['96'],
  'Kotka': ['48'],
  'Kokkola': ['67'],
  'Järvenpää': ['04'],
  'Tuusula': ['04'],
  'Nurmijärvi': ['01', '05'],
  'Lohja': ['08'],
  'Kajaani': ['87'],
  'Nokia': ['37'],
  'Savonlinna': ['57'],
  'Riihimäki': ['11'],
  'Imatra': ['55'],
  'Raahe': ['92'],
  'Forssa': ['30'],
  'Kemi': ['94'],
  'Tornio': ['95'],
  'Iisalmi': ['74'],
  'Varkaus': ['78'],
  'Pietarsaari': ['68'],
  'Haaparanta': ['95'],
  'Etelä-Karjala': ['53', '54', '56'],
  'Etelä-Pohjanmaa': ['60', '61', '62'],
  'Etelä-Savo': ['57', '58'],
  'Kainuu': ['88', '89'],
  'Kanta-Häme': ['12', '14', '31'],
  'Keski-Pohjanmaa': ['68', '69'],
  'Keski-Uusimaa': ['04', '05'],
  'Kymenlaakso': ['48', '49'],
  'Lappi': ['94', '95', '97'],
  'Länsi-Uusimaa': ['02', '03', '08'],
  'Pirkanmaa': ['33', '34', '37'],
  'Pohjanmaa': ['64', '65', '66', '68'],
  'Pohjois-Pohjanmaa': ['84', '85', '86', '90', '91', '92', '93'],
  'Pohjois-Savo': ['70', '71', '72', '73', '74', '79'],
  'Ruotsi': ['95'],
}

/** Share of Swedish speakers, and of other languages, by area. */
const SWEDISH_SHARE: Record<string, number> = {
  'Pohjanmaa': 0.5,
  'Ruotsi': 0.4,
  'Länsi-Uusimaa': 0.07,
  'Keski-Pohjanmaa': 0.08,
}
const FOREIGN_SHARE: Record<string, number> = { 'Länsi-Uusimaa': 0.2, 'Keski-Uusimaa': 0.12 }
const FOREIGN_TONGUES = new Weighted<string>([
  ['ru', 30],
  ['ar', 20],
  ['so', 12],
  ['et', 12],
  ['en', 8],
  ['uk', 8],
  ['fa', 6],
  ['ku', 4],
  ['sq', 3],
  ['other', 5],
])
const TWO_TONGUES = ['fi,sv', 'fi,ru', 'fi,en', 'fi,ar', 'fi,et', 'sv,en', 'ru,uk']

/** Cards issued per month relative to the year's average: fewer in summer, more in autumn and January. */
const ISSUE_SEASON = [0, 1.3, 1.1, 1.05, 1, 0.95, 0.75, 0.45, 0.9, 1.25, 1.2, 1.1, 0.8]
/** Uses per month: theatres and courses rest in summer. */
const USE_SEASON = [0, 1, 1, 1, 0.95, 0.9, 0.65, 0.55, 0.8, 1, 1, 1, 0.9]
const YEARLY_GROWTH = 1.22

const DISTRIBUTOR_KINDS = [
  'aikuissosiaalityö',
  'perhekeskus',
  'mielenterveyspalvelut',
  'päihdepalvelut',
  'työllisyyspalvelut',
  'vammaispalvelut',
  'Ohjaamo',
  'diakoniatyö',
  'ikäihmisten palvelut',
  'maahanmuuttajapalvelut',
  'asumispalvelut',
  'terveysasema',
  'kriisikeskus',
  'lastensuojelun jälkihuolto',
  'kuntouttava työtoiminta',
  'etsivä nuorisotyö',
]

type Category = VenueCategory

const CATEGORY_WEIGHTS = new Weighted<Category>([
  ['museum', 18],
  ['theatre', 12],
  ['concert_hall', 6],
  ['cinema', 4],
  ['festival', 4],
  ['adult_education', 12],
  ['library', 10],
  ['swimming_hall', 9],
  ['gym', 5],
  ['sport_club', 10],
  ['nature_site', 4],
  ['other', 6],
])

const CATEGORY_NAMES: Record<Category, string> = {
  museum: 'museo',
  theatre: 'teatteri',
  concert_hall: 'konserttitalo',
  cinema: 'elokuvateatteri',
  festival: 'festivaali',
  adult_education: 'kansalaisopisto',
  library: 'kirjasto',
  swimming_hall: 'uimahalli',
  gym: 'kuntosali',
  sport_club: 'urheiluseura',
  nature_site: 'luontokeskus',
  other: 'kulttuuritalo',
}

type OfferType = 'performance' | 'exhibition' | 'course' | 'series' | 'library_fees'
type Schedule = 'stage' | 'concert' | 'screenings' | 'festival' | 'course' | 'match' | 'weekly'

type OfferTemplate = {
  type: OfferType
  genres: string[]
  schedule?: Schedule
  /** How many of these a venue has. */
  count: [number, number]
  /** Seats at a show. */
  capacity?: [number, number]
  title: string
}

const OFFER_TEMPLATES: Record<Category, OfferTemplate[]> = {
  museum: [
    {
      type: 'exhibition',
      genres: ['art_museum', 'history_museum', 'science_centre', 'visual_arts'],
      count: [1, 3],
      title: 'Näyttely',
    },
  ],
  theatre: [
    {
      type: 'performance',
      genres: ['drama', 'comedy', 'musical', 'children_theatre', 'stand_up', 'theatre'],
      schedule: 'stage',
      count: [2, 4],
      capacity: [250, 800],
      title: 'Näytelmä',
    },
  ],
  concert_hall: [
    {
      type: 'performance',
      genres: ['classical', 'jazz', 'pop_iskelma', 'rock', 'folk', 'opera', 'music'],
      schedule: 'concert',
      count: [2, 3],
      capacity: [400, 1500],
      title: 'Konserttisarja',
    },
  ],
  cinema: [
    {
      type: 'performance',
      genres: ['film'],
      schedule: 'screenings',
      count: [1, 2],
      capacity: [80, 250],
      title: 'Elokuvanäytökset',
    },
  ],
  festival: [
    {
      type: 'performance',
      genres: ['music', 'pop_iskelma', 'rock', 'folk', 'jazz'],
      schedule: 'festival',
      count: [1, 2],
      capacity: [1500, 8000],
      title: 'Festivaalipäivä',
    },
  ],
  adult_education: [
    {
      type: 'course',
      genres: ['crafts', 'languages', 'arts_courses', 'courses'],
      schedule: 'course',
      count: [2, 4],
      capacity: [10, 20],
      title: 'Kurssi',
    },
  ],
  library: [
    { type: 'library_fees', genres: ['library'], count: [1, 1], title: 'Kirjaston maksut' },
    {
      type: 'performance',
      genres: ['literature'],
      schedule: 'weekly',
      count: [0, 1],
      capacity: [40, 90],
      title: 'Kirjailijavieras',
    },
  ],
  swimming_hall: [{ type: 'series', genres: ['swimming'], count: [1, 1], title: 'Uintisarja' }],
  gym: [{ type: 'series', genres: ['sport'], count: [1, 1], title: 'Kuntosalisarja' }],
  sport_club: [
    {
      type: 'performance',
      genres: ['spectator_sport'],
      schedule: 'match',
      count: [1, 2],
      capacity: [800, 5000],
      title: 'Kotiottelut',
    },
  ],
  nature_site: [
    { type: 'exhibition', genres: ['science_centre', 'sport'], count: [1, 1], title: 'Näyttely' },
  ],
  other: [
    {
      type: 'performance',
      genres: ['dance', 'contemporary_dance', 'ballet', 'literature', 'music'],
      schedule: 'weekly',
      count: [1, 2],
      capacity: [100, 350],
      title: 'Esitys',
    },
    { type: 'exhibition', genres: ['visual_arts'], count: [0, 1], title: 'Näyttely' },
  ],
}

/** Start time of a show (Finnish time, seconds after midnight) by schedule. */
const SHOW_TIME: Record<Schedule, number> = {
  stage: 19 * 3600,
  concert: 19 * 3600,
  screenings: 18 * 3600,
  festival: 17 * 3600,
  course: 17 * 3600 + 1800,
  match: 15 * 3600,
  weekly: 18 * 3600,
}

/*
|--------------------------------------------------------------------------
| The plan held in memory
|--------------------------------------------------------------------------
*/
type AreaPlan = {
  index: number
  id: number
  name: string
  status: string
  pilotEndsOn: number | null
  weight: number
  municipalities: MunicipalityPlan[]
  distributors: OrganisationPlan[]
  venues: OrganisationPlan[]
  venueChoice: Weighted<OrganisationPlan> | null
  agent: OrganisationPlan | null
  swedishShare: number
  foreignShare: number
}

type MunicipalityPlan = {
  id: number
  name: string
  area: AreaPlan
  population: number
  startDay: number
}

type OrganisationPlan = {
  index: number
  id: number
  name: string
  type: 'distributor' | 'venue' | 'ticket_agent'
  area: AreaPlan
  municipality: MunicipalityPlan
  category: Category | null
  joinDay: number
  weight: number
  offers: OfferPlan[]
  offerChoice: Weighted<OfferPlan> | null
}

type OfferPlan = {
  id: number
  venue: OrganisationPlan
  type: OfferType
  genreId: number
  title: string
  schedule: Schedule | null
  /** Days of the shows, in order; empty for open offers. */
  days: Int32Array
  /** Index of the first show in the run's list of shows (ids follow it). */
  firstShow: number
  capacity: number
  cardCap: number | null
  childrenAllowed: boolean
  availableFrom: number
}

type Counts = Record<string, number>

/** What the use generator needs to know of each card, by the card's number in the run. */
type CardPlan = {
  issued: Int32Array
  /** The last day the card can be used (validity, end, at most two months ahead). */
  lastDay: Int32Array
  area: Uint8Array
  children: Uint8Array
  community: Uint8Array
  /** How much the holder uses the card (0: never); turned into a number of uses. */
  intensity: Float32Array
  uses: Uint32Array
  codeOf: (index: number) => string
  counts: Counts
  byYear: Map<number, number>
  byDistributor: Int32Array
}

/** Card places taken on each show of the run, and each show's places. */
type ShowPlaces = { firstId: number; places: Int32Array; capacities: Int32Array }

type UseResult = {
  inserted: number
  planned: number
  dropped: number
  byYear: Map<number, number>
  byVenue: Map<OrganisationPlan, number>
  crossArea: number
  byStatus: Record<string, number>
}

const columnList = (list: string) => list.split(', ')

/** Turns the generator's own values into SQL literals (numbers, dates, codes, fixed names). */
class Literal {
  constructor(private mysql: boolean) {}

  text(value: string | null | undefined) {
    if (value === null || value === undefined) return 'NULL'
    const escaped = this.mysql ? value.replace(/\\/g, '\\\\') : value
    return `'${escaped.replace(/'/g, "''")}'`
  }

  number(value: number | null | undefined) {
    return value === null || value === undefined ? 'NULL' : String(value)
  }
}

/*
|--------------------------------------------------------------------------
| Bulk loading
|--------------------------------------------------------------------------
| Rows collect per table; a full table sends every waiting table in foreign
| key order, one multi-row INSERT each. One statement is on its way while the
| next rows are generated; every so many statements the transaction commits.
| On MySQL/MariaDB the loading session skips unique and foreign key checks.
*/
class TableBuffer {
  rows: string[] = []
  inserted = 0

  constructor(
    readonly name: string,
    readonly columns: string[],
    readonly chunk: number
  ) {}

  /** Adds a row; true when the table should be sent. */
  push(row: string) {
    this.rows.push(row)
    return this.rows.length >= this.chunk
  }
}

/** One connection's part of the loading: its open transaction and its statement on the way. */
class Lane {
  transaction: TransactionClientContract | null = null
  pending: Promise<unknown> = Promise.resolve()
  statements = 0
}

class BulkLoader {
  readonly tables: TableBuffer[] = []
  readonly #lanes: Lane[]
  #turn = 0

  /** On MySQL/MariaDB, `lanes` connections take statements in turn (SQLite has one). */
  constructor(
    private client: QueryClientContract,
    private mysql: boolean,
    lanes = 2
  ) {
    this.#lanes = Array.from({ length: mysql ? lanes : 1 }, () => new Lane())
  }

  table(name: string, columns: string[]) {
    // SQLite binds at most 32,766 variables: the chunks stay under that even as parameters.
    const chunk = this.mysql ? 2000 : Math.min(500, Math.floor(32_000 / columns.length))
    const table = new TableBuffer(name, columns, chunk)
    this.tables.push(table)
    return table
  }

  /** Sends every waiting table, parents first. */
  async flush() {
    for (const table of this.tables) {
      if (!table.rows.length) continue
      const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${table.rows.join(',')}`
      table.inserted += table.rows.length
      table.rows = []
      await this.#send(sql)
    }
  }

  async finish() {
    await this.flush()
    for (const lane of this.#lanes) {
      await lane.pending
      await this.#commit(lane)
    }
  }

  async abort() {
    for (const lane of this.#lanes) {
      await lane.pending.catch(() => {})
      const transaction = lane.transaction
      lane.transaction = null
      if (!transaction) continue
      if (this.mysql) {
        await transaction
          .rawQuery('SET SESSION unique_checks = 1, foreign_key_checks = 1')
          .catch(() => {})
      }
      await transaction.rollback().catch(() => {})
    }
  }

  async #send(sql: string) {
    const lane = this.#lanes[this.#turn]
    this.#turn = (this.#turn + 1) % this.#lanes.length
    await lane.pending
    if (lane.statements >= STATEMENTS_PER_TRANSACTION) await this.#commit(lane)
    if (!lane.transaction) {
      lane.transaction = await this.client.transaction()
      if (this.mysql) {
        await lane.transaction.rawQuery('SET SESSION unique_checks = 0, foreign_key_checks = 0')
      }
    }
    const query = lane.transaction.rawQuery(sql).exec()
    // Awaited before the lane's next statement; marked handled so a failure waits for that.
    query.catch(() => {})
    lane.pending = query
    lane.statements++
  }

  async #commit(lane: Lane) {
    const transaction = lane.transaction
    if (!transaction) return
    lane.transaction = null
    lane.statements = 0
    if (this.mysql) {
      await transaction.rawQuery('SET SESSION unique_checks = 1, foreign_key_checks = 1')
    }
    await transaction.commit()
  }
}

/** Prints a line at every tenth of the expected rows, with the rate. */
class Progress {
  #next = 0.1
  readonly #started = performance.now()

  constructor(
    private label: string,
    private total: number,
    private print: (line: string) => void
  ) {}

  update(done: number) {
    if (!this.total || done / this.total < this.#next) return
    while (done / this.total >= this.#next) this.#next += 0.1
    const seconds = (performance.now() - this.#started) / 1000
    this.print(
      `${this.label}: ${done.toLocaleString('en')} / ${this.total.toLocaleString('en')} (${Math.round((100 * done) / this.total)} %), ${Math.round(done / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`
    )
  }
}

function lowerBound(values: Int32Array, target: number) {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (values[middle] < target) low = middle + 1
    else high = middle
  }
  return low
}

/*
|--------------------------------------------------------------------------
| The command
|--------------------------------------------------------------------------
*/
export default class GenerateStatisticsData extends BaseCommand {
  static commandName = 'stats:generate'
  static description =
    'Fill the registry with a large generated data set for benchmarking the statistics (--clean removes it)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Cards to issue', default: 1_000_000 })
  declare cards: number

  @flags.number({ description: 'Uses to register', default: 5_000_000 })
  declare uses: number

  @flags.number({ description: 'Years of history, ending in the current year', default: 10 })
  declare years: number

  @flags.number({
    description: 'Seed of the random numbers (the same seed, the same data)',
    default: 1,
  })
  declare seed: number

  @flags.boolean({ description: 'Remove what an earlier run added, and nothing else' })
  declare clean: boolean

  #literal = new Literal(false)
  #mysql = false
  #calendar!: Calendar
  #today = 0
  #now = 0
  #spanStart = 0
  #lastUseDay = 0
  #areaPlans: AreaPlan[] = []

  async run() {
    if (this.app.inProduction || process.env.NODE_ENV === 'production') {
      this.logger.error('stats:generate refuses to run in production (NODE_ENV=production)')
      this.exitCode = 1
      return
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const registry = db.connection('registry')
    this.#mysql = registry.dialect.name === 'mysql'
    this.#literal = new Literal(this.#mysql)

    if (this.clean) {
      await this.#clean(registry)
      await this.#refreshSummaries()
      return
    }
    for (const [name, value, min] of [
      ['--cards', this.cards, 1],
      ['--uses', this.uses, 0],
      ['--years', this.years, 1],
    ] as const) {
      if (!Number.isInteger(value) || value < min) {
        this.logger.error(`${name} must be a whole number of at least ${min}`)
        this.exitCode = 1
        return
      }
    }
    const organisations = await registry
      .from('organisations')
      .where('name', 'like', `${NAME_PREFIX}%`)
      .count('* as total')
      .first()
    const users = await registry
      .from('users')
      .where('email', 'like', `bench.%${EMAIL_DOMAIN}`)
      .count('* as total')
      .first()
    if (Number(organisations?.total ?? 0) + Number(users?.total ?? 0) > 0) {
      this.logger.error(
        'The registry already has a generated data set. Remove it first: node ace stats:generate --clean'
      )
      this.exitCode = 1
      return
    }

    const started = performance.now()
    try {
      await this.#generate(registry)
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message : String(error))
      this.logger.info('Remove what was written with: node ace stats:generate --clean')
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Generated in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${this.seed})`
    )
    await this.#refreshSummaries()
  }

  /*
  | The order: places (areas from the database), organisations, offers and
  | shows, cards with their history and answers, uses, and the staff users.
  */
  async #generate(registry: QueryClientContract) {
    const todayDate = DateTime.now().setZone(ZONE)
    this.#today = dayOf(todayDate.year, todayDate.month, todayDate.day)
    this.#now = Math.floor(Date.now() / 1000)
    this.#spanStart = dayOf(todayDate.year - this.years + 1, 1, 1)
    this.#lastUseDay = this.#today + 60
    this.#calendar = new Calendar(this.#spanStart - 2, this.#today + 6 * 366)
    this.logger.info(
      `Generating ${this.cards.toLocaleString('en')} cards and ${this.uses.toLocaleString('en')} uses over ${this.years} years (${this.#calendar.text(this.#spanStart)} – ${this.#calendar.text(this.#today)}), seed ${this.seed}, on ${this.#mysql ? 'MySQL/MariaDB' : 'SQLite'}`
    )

    const areas = await this.#areas(registry)
    this.#areaPlans = areas
    const genres = await this.#genres(registry)
    const organisations = this.#planOrganisations(areas)
    const nextId = async (table: string) => {
      const row = await registry.from(table).max('id as id').first()
      return Number(row?.id ?? 0) + 1
    }
    const counts: Counts = {}

    const places = new BulkLoader(registry, this.#mysql)
    try {
      const shows = await this.#writeOrganisations(places, organisations, genres, {
        organisation: await nextId('organisations'),
        offer: await nextId('offers'),
        occurrence: await nextId('occurrences'),
      })
      for (const table of places.tables) counts[table.name] = table.inserted
      const cards = await this.#writeCards(registry, organisations, {
        card: await nextId('cards'),
        response: await nextId('wellbeing_responses'),
      })
      Object.assign(counts, cards.counts)
      const uses = await this.#writeUses(registry, areas, cards, shows)
      counts.uses = uses.inserted
      const users = await this.#writeUsers(registry, organisations, cards, uses)
      counts.users = users.length
      this.#report(counts, cards, uses, users)
    } catch (error) {
      await places.abort()
      throw error
    }
  }

  /** The real areas and municipalities, from the database (or from areas.json if it has none). */
  async #areas(registry: QueryClientContract): Promise<AreaPlan[]> {
    let areaRows = await registry
      .from('areas')
      .select('id', 'name', 'status', 'pilot_ends_on')
      .orderBy('id')
    if (!areaRows.length) {
      await this.#loadAreas(registry)
      areaRows = await registry
        .from('areas')
        .select('id', 'name', 'status', 'pilot_ends_on')
        .orderBy('id')
    }
    const municipalityRows = await registry
      .from('municipalities')
      .select('id', 'name', 'area_id', 'status')
      .orderBy('id')
    const random = new Random(seedOf(this.seed, STREAM.place))
    const areas: AreaPlan[] = areaRows.map((row, index) => {
      const pilotEnd = isoDateFromRow(row.pilot_ends_on)
      return {
        index,
        id: Number(row.id),
        name: String(row.name),
        status: String(row.status),
        pilotEndsOn: pilotEnd ? Date.parse(pilotEnd) / DAY_MS : null,
        weight: 0,
        municipalities: [],
        distributors: [],
        venues: [],
        venueChoice: null,
        agent: null,
        swedishShare: SWEDISH_SHARE[String(row.name)] ?? 0.03,
        foreignShare: FOREIGN_SHARE[String(row.name)] ?? 0.07,
      }
    })
    const byId = new Map(areas.map((area) => [area.id, area]))
    for (const row of municipalityRows) {
      const area = byId.get(Number(row.area_id))
      // Only where cards are in use or piloted: nothing is issued in a coming municipality.
      if (!area || (row.status !== 'in_use' && row.status !== 'pilot')) continue
      const name = String(row.name)
      area.municipalities.push({
        id: Number(row.id),
        name,
        area,
        population: (POPULATION[name] ?? 4) * 1000,
        startDay: row.status === 'pilot' ? -1 : 0,
      })
      area.weight += (POPULATION[name] ?? 4) * 1000
    }
    const active = areas.filter((area) => area.municipalities.length)
    if (!active.length) {
      throw new Error('No municipality is in use or in a pilot: nothing to place the data set in')
    }

    /*
    | When each municipality joined: the biggest area from the very start,
    | about half of the others too and the rest in the first half of the
    | span; smaller municipalities later than their area's biggest one;
    | pilots within the last two years.
    */
    const span = this.#today - this.#spanStart
    const biggestArea = [...active].sort((a, b) => b.weight - a.weight)[0]
    for (const area of active) {
      const areaStart =
        area === biggestArea || random.chance(0.5)
          ? this.#spanStart
          : this.#spanStart + Math.floor(random.next() * 0.5 * span)
      const byPopulation = [...area.municipalities].sort((a, b) => b.population - a.population)
      for (const [rank, municipality] of byPopulation.entries()) {
        const pilot = municipality.startDay === -1
        const start = pilot
          ? Math.max(this.#spanStart, this.#today - random.between(200, 700))
          : rank === 0
            ? areaStart
            : areaStart +
              Math.floor(random.next() * random.next() * 0.6 * (this.#today - areaStart))
        municipality.startDay = Math.min(start, this.#today - 120)
      }
      // The biggest municipality opens the area.
      byPopulation[0].startDay = Math.min(...byPopulation.map((m) => m.startDay))
    }
    return areas
  }

  /** Areas and municipalities from database/data/areas.json, as the demo seeder adds them. */
  async #loadAreas(registry: QueryClientContract) {
    type AreaData = { name: string; municipalities: Record<string, string[] | undefined> }
    const raw = await readFile(this.app.makePath('database/data/areas.json'), 'utf8')
    const { areas } = JSON.parse(raw) as { areas: AreaData[] }
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    this.logger.info(
      `The registry has no areas: adding the ${areas.length} areas of database/data/areas.json`
    )
    await registry.transaction(async (trx) => {
      for (const data of areas) {
        const status = data.municipalities.in_use?.length
          ? 'in_use'
          : data.municipalities.pilot?.length
            ? 'pilot'
            : 'coming'
        await trx.table('areas').insert({
          name: data.name,
          status,
          pilot_ends_on: status === 'pilot' ? `${DateTime.now().year + 1}-12-31` : null,
          created_at: now,
          updated_at: now,
        })
        const area = await trx.from('areas').where('name', data.name).firstOrFail()
        for (const [municipalityStatus, names] of Object.entries(data.municipalities)) {
          for (const name of names ?? []) {
            await trx.table('municipalities').insert({
              area_id: area.id,
              name,
              status: municipalityStatus,
              created_at: now,
              updated_at: now,
            })
          }
        }
      }
    })
  }

  async #genres(registry: QueryClientContract) {
    const rows = await registry.from('genres').select('id', 'key')
    if (!rows.length)
      throw new Error('The genres table is empty: run the registry migrations first')
    const byKey = new Map(rows.map((row) => [String(row.key), Number(row.id)]))
    const all = rows.map((row) => Number(row.id))
    return { byKey, all }
  }

  /*
  | Distributors and venues per area by population (at least two of each
  | where cards are used), in municipalities weighted the same way; a few
  | ticket agents in the biggest areas. Each area's first venue is a theatre
  | with many shows, the second a museum, the third a swimming hall.
  */
  #planOrganisations(areas: AreaPlan[]) {
    const random = new Random(seedOf(this.seed, STREAM.place, 1))
    const active = areas.filter((area) => area.municipalities.length)
    const allocate = (total: number) => {
      const weights = active.map((area) => Math.pow(area.weight, 0.85))
      const sum = weights.reduce((a, b) => a + b, 0)
      const shares = active.map((_, index) =>
        Math.max(2, Math.floor((total * weights[index]) / sum))
      )
      let left = total - shares.reduce((a, b) => a + b, 0)
      const order = active.map((_, index) => index).sort((a, b) => weights[b] - weights[a])
      for (let step = 0; left > 0; step++, left--) shares[order[step % order.length]]++
      for (let step = 0; left < 0; step++) {
        const index = order[step % order.length]
        if (shares[index] > 2) {
          shares[index]--
          left++
        }
        if (step > 100_000) break
      }
      return shares
    }
    const organisations: OrganisationPlan[] = []
    const add = (
      area: AreaPlan,
      type: OrganisationPlan['type'],
      rank: number,
      category: Category | null
    ) => {
      const choice = new Weighted(area.municipalities.map((m) => [m, Math.pow(m.population, 0.9)]))
      const municipality =
        rank === 0
          ? [...area.municipalities].sort((a, b) => b.population - a.population)[0]
          : choice.pick(random)
      const lastJoin = Math.max(municipality.startDay, this.#today - 150)
      const joinDay =
        rank === 0 || random.chance(0.35)
          ? municipality.startDay
          : municipality.startDay + Math.floor(random.next() * (lastJoin - municipality.startDay))
      const organisation: OrganisationPlan = {
        index: organisations.length,
        id: 0,
        name: '',
        type,
        area,
        municipality,
        category,
        joinDay,
        weight: Math.pow(rank + 1, type === 'venue' ? -0.7 : -0.9) * (0.7 + 0.6 * random.next()),
        offers: [],
        offerChoice: null,
      }
      organisations.push(organisation)
      return organisation
    }

    const distributorShares = allocate(DISTRIBUTORS)
    const venueShares = allocate(VENUES)
    active.forEach((area, index) => {
      const kinds = new Map<string, number>()
      for (let rank = 0; rank < distributorShares[index]; rank++) {
        const organisation = add(area, 'distributor', rank, null)
        const kind = DISTRIBUTOR_KINDS[rank % DISTRIBUTOR_KINDS.length]
        const key = `${organisation.municipality.name} ${kind}`
        const seen = (kinds.get(key) ?? 0) + 1
        kinds.set(key, seen)
        organisation.name = `${NAME_PREFIX}${organisation.municipality.name}: ${kind}${seen > 1 ? ` ${seen}` : ''}`
        area.distributors.push(organisation)
      }
      const names = new Map<string, number>()
      for (let rank = 0; rank < venueShares[index]; rank++) {
        const fixed: Category[] = ['theatre', 'museum', 'swimming_hall']
        const category = fixed[rank] ?? CATEGORY_WEIGHTS.pick(random)
        const organisation = add(area, 'venue', rank, category)
        const key = `${organisation.municipality.name} ${CATEGORY_NAMES[category]}`
        const seen = (names.get(key) ?? 0) + 1
        names.set(key, seen)
        organisation.name = `${NAME_PREFIX}${organisation.municipality.name}: ${CATEGORY_NAMES[category]}${seen > 1 ? ` ${seen}` : ''}`
        area.venues.push(organisation)
      }
    })
    for (const area of [...active].sort((a, b) => b.weight - a.weight).slice(0, TICKET_AGENTS)) {
      const agent = add(area, 'ticket_agent', 0, null)
      agent.name = `${NAME_PREFIX}${area.name}: lippupalvelu`
      area.agent = agent
    }
    for (const area of active) {
      area.venueChoice = new Weighted(area.venues.map((venue) => [venue, venue.weight]))
    }
    return organisations
  }

  /** Organisations, their offers and the offers' shows; returns the shows' card places. */
  async #writeOrganisations(
    loader: BulkLoader,
    organisations: OrganisationPlan[],
    genres: { byKey: Map<string, number>; all: number[] },
    ids: { organisation: number; offer: number; occurrence: number }
  ) {
    const sql = this.#literal
    const calendar = this.#calendar
    const organisationTable = loader.table(
      'organisations',
      columnList(
        'id, name, type, area_id, municipality_id, venue_category, active, created_at, updated_at'
      )
    )
    const offerTable = loader.table(
      'offers',
      columnList(
        'id, organisation_id, title, description, type, genre_id, municipality_id, location, accessibility, children_allowed, guest_production, once_per_card, weekends_excluded, booking_opens_days, yearly_visits, yearly_euro_cap, available_from, available_until, published, revision, created_at, updated_at'
      )
    )
    const occurrenceTable = loader.table(
      'occurrences',
      columnList(
        'id, offer_id, starts_at, capacity, card_cap, excluded_kind, submission_key, created_at, updated_at'
      )
    )
    const started = performance.now()
    const firstOffer = ids.offer
    let showCount = 0
    const capacities: number[] = []
    const lastShowDay = this.#today + 120
    for (const organisation of organisations) {
      organisation.id = ids.organisation++
      const joined = calendar.moment(organisation.joinDay, 10 * 3600)
      if (
        organisationTable.push(
          `(${organisation.id},${sql.text(organisation.name)},'${organisation.type}',${organisation.area.id},${organisation.municipality.id},${sql.text(organisation.category)},1,'${calendar.stamp(joined)}','${calendar.stamp(joined)}')`
        )
      )
        await loader.flush()
      if (organisation.type !== 'venue' || !organisation.category) continue
      const random = new Random(seedOf(this.seed, STREAM.offer, organisation.index))
      const busiest = organisation === organisation.area.venues[0]
      for (const template of OFFER_TEMPLATES[organisation.category]) {
        const howMany = busiest && template.schedule ? 3 : random.between(...template.count)
        for (let number = 1; number <= howMany; number++) {
          const genreKey = random.pick(template.genres)
          const schedule = template.schedule ?? null
          const days = schedule
            ? this.#showDays(schedule, organisation.joinDay, lastShowDay, random)
            : new Int32Array(0)
          const capacity = template.capacity ? random.between(...template.capacity) : 0
          let cardCap: number | null = null
          if (template.type === 'course') cardCap = random.between(2, 4)
          else if (schedule && !busiest && random.chance(0.3)) {
            cardCap = Math.max(
              capacity > 1000 ? 20 : Math.ceil((capacity * 3) / 100),
              Math.ceil(capacity * (0.05 + 0.1 * random.next()))
            )
          }
          const offer: OfferPlan = {
            id: ids.offer++,
            venue: organisation,
            type: template.type,
            genreId: genres.byKey.get(genreKey) ?? random.pick(genres.all),
            title: `${template.title} ${number}`,
            schedule,
            days,
            firstShow: showCount,
            capacity: busiest ? Math.max(capacity, 800) : capacity,
            cardCap,
            childrenAllowed: template.type !== 'course' && template.type !== 'library_fees',
            availableFrom: organisation.joinDay,
          }
          organisation.offers.push(offer)
          const created = calendar.stamp(joined)
          const open = !schedule
          if (
            offerTable.push(
              `(${offer.id},${organisation.id},${sql.text(offer.title)},${sql.text(`${offer.title} – ${organisation.name.slice(NAME_PREFIX.length)}. Generated for benchmarking the statistics.`)},'${offer.type}',${offer.genreId},${organisation.municipality.id},${sql.text(`${organisation.municipality.name}, keskusta`)},'Esteetön sisäänkäynti ja induktiosilmukka.',${offer.childrenAllowed ? 1 : 0},0,0,0,NULL,${offer.type === 'series' ? 30 : 'NULL'},${offer.type === 'library_fees' ? 20 : 'NULL'},${open ? `'${calendar.text(offer.availableFrom)}'` : 'NULL'},NULL,1,1,'${created}','${created}')`
            )
          )
            await loader.flush()
          for (const day of days) {
            const id = ids.occurrence + showCount
            capacities.push(offer.cardCap ?? offer.capacity)
            showCount++
            const starts = calendar.moment(day, SHOW_TIME[schedule!])
            const made = calendar.stamp(Math.min(this.#now, Math.max(joined, starts - 60 * DAY)))
            if (
              occurrenceTable.push(
                `(${id},${offer.id},'${calendar.stamp(starts)}',${offer.capacity},${sql.number(offer.cardCap)},NULL,NULL,'${made}','${made}')`
              )
            )
              await loader.flush()
          }
        }
      }
      organisation.offerChoice = new Weighted(
        organisation.offers.map((offer, index) => [offer, 1 / (index + 1)])
      )
    }
    await loader.finish()
    this.logger.info(
      `${organisations.length} organisations, ${ids.offer - firstOffer} offers and ${showCount.toLocaleString('en')} shows in ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
    return {
      firstId: ids.occurrence,
      places: new Int32Array(showCount),
      capacities: Int32Array.from(capacities),
    }
  }

  /** The days a dated offer has shows, from the venue's first day to a few months ahead. */
  #showDays(schedule: Schedule, from: number, to: number, random: Random) {
    const calendar = this.#calendar
    const days: number[] = []
    const weekdays = new Set<number>()
    const pickWeekdays = (pool: number[], count: number) => {
      while (weekdays.size < count) weekdays.add(random.pick(pool))
    }
    if (schedule === 'stage') pickWeekdays([2, 3, 4, 5, 6, 7], random.between(2, 3))
    if (schedule === 'screenings') pickWeekdays([2, 4, 5, 6, 7], random.between(3, 4))
    if (schedule === 'concert') pickWeekdays([3, 4, 5, 6], random.between(1, 2))
    if (schedule === 'weekly') pickWeekdays([2, 3, 4], 1)
    if (schedule === 'match') pickWeekdays([6, 7, 3], random.between(1, 2))
    const festivalStart = new Map<number, number>()
    for (let day = from; day <= to; day++) {
      const month = calendar.monthOf(day)
      const weekday = calendar.weekdayOf(day)
      const date = new Date(day * DAY_MS).getUTCDate()
      let show = false
      if (schedule === 'screenings') show = weekdays.has(weekday)
      else if (schedule === 'stage' || schedule === 'concert' || schedule === 'weekly') {
        const summerBreak =
          schedule === 'stage'
            ? month === 7 || (month === 6 && date > 15) || (month === 8 && date < 15)
            : month === 7
        show = weekdays.has(weekday) && !summerBreak
      } else if (schedule === 'match') {
        show = weekdays.has(weekday) && (month >= 9 || month <= 4)
      } else if (schedule === 'course') {
        const term =
          (month === 1 && date >= 8 && date <= 26) ||
          (month === 8 && date >= 25) ||
          (month === 9 && date <= 14)
        show = term && weekday <= 5 && random.chance(0.6)
      } else if (schedule === 'festival') {
        const year = calendar.yearOf(day)
        if (!festivalStart.has(year)) festivalStart.set(year, dayOf(year, 6, 20) + random.int(35))
        const start = festivalStart.get(year)!
        show = day >= start && day < start + 6
      }
      if (show) days.push(day)
    }
    return Int32Array.from(days)
  }

  /*
  |--------------------------------------------------------------------------
  | Cards
  |--------------------------------------------------------------------------
  */
  async #writeCards(
    registry: QueryClientContract,
    organisations: OrganisationPlan[],
    ids: { card: number; response: number }
  ) {
    const sql = this.#literal
    const calendar = this.#calendar
    const total = this.cards
    const today = this.#today
    const distributors = organisations.filter((o) => o.type === 'distributor')
    const areaShare = new Map<AreaPlan, number>()
    for (const d of distributors) areaShare.set(d.area, (areaShare.get(d.area) ?? 0) + d.weight)
    const distributorChoice = new Weighted(
      distributors.map((d) => [d, (d.weight / areaShare.get(d.area)!) * d.area.weight])
    )
    const earliest = [...distributors].sort((a, b) => a.joinDay - b.joinDay)[0]

    // Existing codes with the data set's prefix (from real cards) are skipped.
    const takenRows = await registry
      .from('cards')
      .where('code', 'like', `${CODE_PREFIX}%`)
      .select('code')
    const taken = new Set(takenRows.map((row) => String(row.code)))
    const overrides = new Map<number, string>()
    let spare = total
    const codeOf = (index: number) => overrides.get(index) ?? cardCode(index)

    // Cards per day: growth over the years, the season, few at weekends.
    const dayWeights: number[] = []
    for (let day = this.#spanStart; day <= today; day++) {
      const years = (day - this.#spanStart) / 365.25
      const weekend = calendar.weekdayOf(day) >= 6 ? 0.04 : 1
      dayWeights.push(
        Math.pow(YEARLY_GROWTH, years) * ISSUE_SEASON[calendar.monthOf(day)] * weekend
      )
    }
    const weightSum = dayWeights.reduce((a, b) => a + b, 0)

    const plan: CardPlan = {
      issued: new Int32Array(total),
      lastDay: new Int32Array(total),
      area: new Uint8Array(total),
      children: new Uint8Array(total),
      community: new Uint8Array(total),
      intensity: new Float32Array(total),
      uses: new Uint32Array(total),
      codeOf,
      counts: {},
      byYear: new Map<number, number>(),
      byDistributor: new Int32Array(organisations.length),
    }

    const loader = new BulkLoader(registry, this.#mysql)
    const cardTable = loader.table(
      'cards',
      columnList(
        'id, code, type, community_role, issuing_organisation_id, issued_on, valid_until, status, ended_on, birth_year, postal_code, children_count, mother_tongues, gender, life_situation, consent_given_at, consent_withdrawn_at, revision, omakaiku_account_at, created_at, updated_at'
      )
    )
    const eventTable = loader.table(
      'card_events',
      columnList(
        'card_id, kind, user_id, organisation_id, valid_until_before, valid_until_after, submission_key, created_at'
      )
    )
    const responseTable = loader.table(
      'wellbeing_responses',
      columnList('id, card_id, instrument, context, answered_on, raw_score, once_key, created_at')
    )
    const itemTable = loader.table('wellbeing_items', columnList('response_id, item, value'))
    const progress = new Progress('cards', total, (line) => this.logger.info(line))
    const random = new Random()
    let eventKey = 0
    let responseId = ids.response
    const validUntilFor = (start: number, area: AreaPlan) => {
      const later = yearLater(start)
      if (area.status !== 'pilot' || area.pilotEndsOn === null) return later
      if (area.pilotEndsOn < start) return null
      return Math.min(later, area.pilotEndsOn)
    }

    try {
      let index = 0
      let cumulative = 0
      for (let offset = 0; offset < dayWeights.length; offset++) {
        cumulative += dayWeights[offset]
        const dayEnd =
          offset === dayWeights.length - 1 ? total : Math.floor((cumulative / weightSum) * total)
        const day = this.#spanStart + offset
        for (; index < dayEnd; index++) {
          random.reseed(seedOf(this.seed, STREAM.card, index))
          let distributor = distributorChoice.pick(random)
          for (let attempt = 0; distributor.joinDay > day && attempt < 40; attempt++) {
            distributor = distributorChoice.pick(random)
          }
          if (distributor.joinDay > day) distributor = earliest
          const area = distributor.area
          const id = ids.card + index
          let code = cardCode(index)
          if (taken.has(code)) {
            while (taken.has(cardCode(spare))) spare++
            code = cardCode(spare++)
            overrides.set(index, code)
          }
          const community = random.chance(0.03)
          const age = cardAge(random)
          const year = calendar.yearOf(day)
          const children = community ? 0 : childrenOf(random, age)
          const issuedAt = calendar.moment(day, 8 * 3600 + 1800 + random.int(8 * 3600))
          const issuedStamp = calendar.stamp(Math.min(issuedAt, this.#now))
          const firstUntil = validUntilFor(day, area) ?? yearLater(day)

          // Extensions near the end of each period, then perhaps an end or a withdrawal.
          const events: string[] = []
          const answers: Array<[string, string, number, number]> = []
          let until = firstUntil
          let periodStart = day
          let revision = 1
          let chance = 0.3
          let lastMoment = issuedAt
          while (until <= today + 30 && random.chance(chance)) {
            const extended = Math.min(today, until - 30 + random.int(90))
            if (extended <= periodStart + 180) break
            const after = validUntilFor(extended, area)
            if (after === null) break
            const at = Math.min(
              this.#now,
              calendar.moment(extended, 9 * 3600 + random.int(7 * 3600))
            )
            events.push(
              `(${id},'extended',NULL,${distributor.id},'${calendar.text(until)}','${calendar.text(after)}','${submissionKey(1, eventKey++)}','${calendar.stamp(at)}')`
            )
            if (!community && random.chance(0.5)) {
              answers.push(['swb', 'extension', extended, clampScore(random.normal(6.7, 2))])
              answers.push(['impact', 'extension', extended, clampScore(random.normal(7.6, 1.9))])
            }
            until = after
            periodStart = extended
            revision++
            lastMoment = at
            chance = 0.35
          }
          let status = 'active'
          let endedOn: number | null = null
          let consentWithdrawn: number | null = null
          const ending = random.next()
          const lastPossible = Math.min(until, today)
          if (ending < 0.058 && lastPossible > periodStart + 14) {
            endedOn = periodStart + 14 + random.int(lastPossible - periodStart - 14)
            const at = Math.min(
              this.#now,
              calendar.moment(endedOn, 9 * 3600 + random.int(7 * 3600))
            )
            const kind =
              ending < 0.04 ? 'ended' : ending < 0.053 ? 'withdrawn' : 'consent_withdrawn'
            status = kind === 'ended' ? 'ended' : 'withdrawn'
            if (kind === 'consent_withdrawn') consentWithdrawn = at
            events.push(
              `(${id},'${kind}',NULL,${kind === 'consent_withdrawn' ? 'NULL' : distributor.id},'${calendar.text(until)}','${calendar.text(until)}','${submissionKey(1, eventKey++)}','${calendar.stamp(at)}')`
            )
            revision++
            lastMoment = at
          }

          const erased = consentWithdrawn !== null
          const tongues = erased ? null : motherTongues(random, area)
          const gender = erased ? null : genderOf(random)
          const situation = erased ? null : lifeSituationOf(random, age)
          const postal = erased ? null : postalCode(random, distributor.municipality)
          const omakaiku =
            day >= today - 540 && random.chance(0.15)
              ? calendar.stamp(Math.min(this.#now, issuedAt + random.int(20) * DAY))
              : null
          if (
            cardTable.push(
              `(${id},'${code}','${community ? 'community' : 'personal'}',${community ? `'${random.pick(COMMUNITY_ROLES)}'` : 'NULL'},${distributor.id},'${calendar.text(day)}','${calendar.text(until)}','${status}',${endedOn === null ? 'NULL' : `'${calendar.text(endedOn)}'`},${erased ? 'NULL' : year - age},${sql.text(postal)},${erased ? 0 : children},${sql.text(tongues)},${sql.text(gender)},${sql.text(situation)},'${issuedStamp}',${consentWithdrawn === null ? 'NULL' : `'${calendar.stamp(consentWithdrawn)}'`},${revision},${sql.text(omakaiku)},'${issuedStamp}','${calendar.stamp(Math.min(this.#now, lastMoment))}')`
            )
          )
            await loader.flush()
          if (
            eventTable.push(
              `(${id},'issued',NULL,${distributor.id},NULL,'${calendar.text(firstUntil)}','${submissionKey(1, eventKey++)}','${issuedStamp}')`
            )
          )
            await loader.flush()
          for (const event of events) if (eventTable.push(event)) await loader.flush()
          if (!community && !erased && random.chance(0.4)) {
            answers.unshift(['swb', 'issue', day, clampScore(random.normal(6.1, 2.1))])
          }
          if (!erased) {
            for (const [instrument, context, answered, value] of answers) {
              const responseRow = `(${responseId},${id},'${instrument}','${context}','${calendar.text(answered)}',${value},NULL,'${calendar.stamp(Math.min(this.#now, calendar.moment(answered, 12 * 3600)))}')`
              const itemRow = `(${responseId},1,${value})`
              responseId++
              const full = responseTable.push(responseRow)
              if (itemTable.push(itemRow) || full) await loader.flush()
            }
          }

          // What the use generator needs to know about the card.
          const lastDay = Math.min(
            until,
            endedOn === null ? Infinity : endedOn - 1,
            this.#lastUseDay
          )
          plan.issued[index] = day
          plan.lastDay[index] = lastDay
          plan.area[index] = area.index
          plan.children[index] = erased ? 0 : children
          plan.community[index] = community ? 1 : 0
          plan.byDistributor[distributor.index]++
          plan.byYear.set(year, (plan.byYear.get(year) ?? 0) + 1)
          if (lastDay >= day && !random.chance(0.3)) {
            const pastDays = Math.max(0, Math.min(lastDay, today) - day + 1)
            const futureDays = Math.max(0, lastDay - today)
            plan.intensity[index] =
              Math.exp(random.normal(0, 1.25)) * Math.max(14, pastDays + 0.25 * futureDays)
          }
          progress.update(index + 1)
        }
      }
      await loader.finish()
    } catch (error) {
      await loader.abort()
      throw error
    }
    for (const table of loader.tables) plan.counts[table.name] = table.inserted
    const sample = codeOf(0)
    if (!parseCardCode(sample).ok)
      throw new Error(`Generated card code ${sample} does not pass the check`)
    return plan
  }

  /*
  |--------------------------------------------------------------------------
  | Uses
  |--------------------------------------------------------------------------
  | Each card gets its number of uses first (about a third never used, then a
  | long tail), spread over its validity. The uses are then made month by
  | month: every card valid in the month draws its dates again from its own
  | seed and keeps the ones in the month, so nothing but the cards' plan stays
  | in memory and the rows go in about in the order they were registered.
  */
  async #writeUses(
    registry: QueryClientContract,
    areas: AreaPlan[],
    cards: CardPlan,
    shows: ShowPlaces
  ) {
    const calendar = this.#calendar
    const total = this.cards
    this.#allotUses(cards)
    const planned = cards.uses.reduce((sum, n) => sum + n, 0)
    const active = areas.filter((area) => area.venues.length)
    const otherAreas = new Weighted(active.map((area) => [area, area.weight]))

    const loader = new BulkLoader(registry, this.#mysql)
    const table = loader.table(
      'uses',
      columnList(
        'card_code, organisation_id, offer_id, occurrence_id, used_on, places, children_count, group_size, amount_cents, status, registered_by_user_id, registered_by_organisation_id, cancelled_at, cancelled_by, seen_at, submission_key, created_at, updated_at'
      )
    )
    const progress = new Progress('uses', planned, (line) => this.logger.info(line))
    const result: UseResult = {
      inserted: 0,
      planned,
      dropped: 0,
      byYear: new Map<number, number>(),
      byVenue: new Map<OrganisationPlan, number>(),
      crossArea: 0,
      byStatus: { registered: 0, cancelled: 0, no_show: 0 },
    }
    const dates = new Random()
    const random = new Random()
    let maxSpan = 0
    for (let index = 0; index < total; index++) {
      maxSpan = Math.max(maxSpan, cards.lastDay[index] - cards.issued[index])
    }
    let key = 0
    const lastMonth = calendar.yearOf(this.#lastUseDay) * 12 + calendar.monthOf(this.#lastUseDay)
    const firstMonth = calendar.yearOf(this.#spanStart) * 12 + calendar.monthOf(this.#spanStart)

    /** Draws a use day in the card's validity: fewer in summer, few ahead of today. */
    const drawDay = (first: number, last: number) => {
      let day = first
      for (let attempt = 0; attempt < 8; attempt++) {
        day = first + dates.int(last - first + 1)
        let accept = USE_SEASON[calendar.monthOf(day)]
        if (day > this.#today) accept *= 0.3 * (1 - (day - this.#today) / 61)
        if (dates.next() < accept) return day
      }
      return Math.min(day, this.#today)
    }

    try {
      let low = 0
      for (let month = firstMonth; month <= lastMonth; month++) {
        const year = Math.floor((month - 1) / 12)
        const monthOfYear = month - year * 12
        const monthStart = dayOf(year, monthOfYear, 1)
        const monthEnd = dayOf(year, monthOfYear + 1, 1) - 1
        while (low < total && cards.issued[low] < monthStart - maxSpan) low++
        for (let index = low; index < total && cards.issued[index] <= monthEnd; index++) {
          const count = cards.uses[index]
          if (!count || cards.lastDay[index] < monthStart) continue
          const first = cards.issued[index]
          const last = cards.lastDay[index]
          dates.reseed(seedOf(this.seed, STREAM.dates, index))
          for (let k = 0; k < count; k++) {
            const day = drawDay(first, last)
            if (day < monthStart || day > monthEnd) continue
            random.reseed(seedOf(this.seed, STREAM.use, index, k))
            const use = this.#use(random, cards, index, day, otherAreas, shows)
            if (!use) {
              result.dropped++
              continue
            }
            const submission = submissionKey(2, key++)
            if (table.push(`${use.row},'${submission}',${use.times})`)) await loader.flush()
            result.inserted++
            progress.update(result.inserted + result.dropped)
            result.byYear.set(
              calendar.yearOf(use.usedOn),
              (result.byYear.get(calendar.yearOf(use.usedOn)) ?? 0) + 1
            )
            result.byVenue.set(use.venue, (result.byVenue.get(use.venue) ?? 0) + 1)
            result.byStatus[use.status]++
            if (use.venue.area.index !== cards.area[index]) result.crossArea++
          }
        }
      }
      await loader.finish()
    } catch (error) {
      await loader.abort()
      throw error
    }
    return result
  }

  /** How many uses each card has: the requested total over the used cards, long-tailed. */
  #allotUses(cards: { intensity: Float32Array; uses: Uint32Array }) {
    const target = this.uses
    const used: number[] = []
    cards.intensity.forEach((value, index) => {
      if (value > 0) used.push(index)
    })
    if (!used.length || !target) return
    const min = target >= used.length ? 1 : 0
    const max = Math.max(250, Math.ceil((3 * target) / used.length))
    const sumAt = (scale: number) => {
      let sum = 0
      for (const index of used) {
        sum += Math.min(max, Math.max(min, Math.round(scale * cards.intensity[index])))
      }
      return sum
    }
    let low = 0
    let high = 1
    while (sumAt(high) < target && high < 1e12) high *= 2
    for (let step = 0; step < 60; step++) {
      const middle = (low + high) / 2
      if (sumAt(middle) < target) low = middle
      else high = middle
    }
    let sum = 0
    for (const index of used) {
      cards.uses[index] = Math.min(max, Math.max(min, Math.round(high * cards.intensity[index])))
      sum += cards.uses[index]
    }
    // The rounding's difference, a use at a time on cards picked at random.
    const random = new Random(seedOf(this.seed, STREAM.count))
    for (let guard = 0; sum !== target && guard < 10 * used.length; guard++) {
      const index = used[random.int(used.length)]
      if (sum > target && cards.uses[index] > Math.max(min, 1)) {
        cards.uses[index]--
        sum--
      } else if (sum < target && cards.uses[index] < max) {
        cards.uses[index]++
        sum++
      }
    }
  }

  /**
   * One use of a card on a day: a venue mostly in the card's own area, one of
   * its offers (a show near the day, or an open offer), the status, who
   * registered it and when. Null when no venue has anything for the card then.
   */
  #use(
    random: Random,
    cards: CardPlan,
    index: number,
    day: number,
    otherAreas: Weighted<AreaPlan>,
    shows: ShowPlaces
  ) {
    const calendar = this.#calendar
    const today = this.#today
    const ownArea = this.#areaPlans[cards.area[index]]
    const community = cards.community[index] === 1
    const cardChildren = cards.children[index]
    const first = cards.issued[index]
    const last = cards.lastDay[index]

    for (let attempt = 0; attempt < 6; attempt++) {
      let area = ownArea
      if (random.chance(0.15) || !ownArea.venueChoice) {
        for (let again = 0; area === ownArea && again < 4; again++) area = otherAreas.pick(random)
      }
      if (!area.venueChoice) continue
      let venue = area.venueChoice.pick(random)
      for (let again = 0; venue.joinDay > day && again < 6; again++)
        venue = area.venueChoice.pick(random)
      if (venue.joinDay > day || !venue.offerChoice) continue
      const offer = venue.offerChoice.pick(random)

      const groupSize = community ? random.between(2, 5) : null
      let children = 0
      if (!community && cardChildren > 0 && offer.childrenAllowed) {
        const r = random.next()
        children = r < 0.55 ? cardChildren : r < 0.75 ? random.between(1, cardChildren) : 0
      }
      const places = groupSize ?? 1 + children

      let usedOn = day
      let show = -1
      if (offer.schedule) {
        const days = offer.days
        let position = lowerBound(days, day)
        if (offer.schedule !== 'course' && position > 0) {
          const before = days[position - 1]
          if (position >= days.length || day - before < days[position] - day) position--
        }
        const reach = offer.schedule === 'course' ? 120 : 6
        for (let step = 0; step < 4 && position < days.length; step++, position++) {
          const candidate = days[position]
          if (Math.abs(candidate - day) > reach || candidate > last) break
          if (candidate < first) continue
          if (
            shows.places[offer.firstShow + position] + places <=
            shows.capacities[offer.firstShow + position]
          ) {
            show = offer.firstShow + position
            usedOn = candidate
            break
          }
        }
        if (show < 0) continue
      } else if (day > today || day < offer.availableFrom) {
        continue
      }

      // Status, and when it was registered (ahead for shows; sometimes afterwards).
      const past = usedOn < today
      const r = random.next()
      const status = r < 0.05 ? 'cancelled' : r < 0.07 && past ? 'no_show' : 'registered'
      if (show >= 0 && status !== 'cancelled') shows.places[show] += places
      let createdDay =
        show >= 0 ? Math.min(day, usedOn) - Math.floor(random.next() * random.next() * 14) : usedOn
      if (random.chance(0.1)) createdDay = usedOn + random.int(3)
      if (createdDay > today) createdDay = today - random.int(30)
      createdDay = Math.max(createdDay, first)
      const created = Math.min(
        this.#now - 60,
        calendar.moment(createdDay, 9 * 3600 + random.int(11 * 3600))
      )
      const eventStart = calendar.moment(
        usedOn,
        offer.schedule ? SHOW_TIME[offer.schedule] : 10 * 3600
      )
      let cancelledAt = 'NULL'
      let cancelledBy = 'NULL'
      let seenAt = 'NULL'
      let updated = created
      if (status === 'cancelled') {
        const at = Math.min(
          this.#now - 30,
          created + Math.floor(random.next() * Math.max(0, eventStart - created))
        )
        const byHolder = random.chance(0.55)
        cancelledAt = `'${calendar.stamp(at)}'`
        cancelledBy = byHolder ? "'holder'" : "'venue'"
        const seen = at + 3600 + random.int(2 * DAY)
        if (byHolder && seen < this.#now) seenAt = `'${calendar.stamp(seen)}'`
        updated = at
      } else if (status === 'no_show') {
        updated = Math.max(created, Math.min(this.#now - 30, eventStart + DAY))
      }
      const agent = venue.area.agent
      const registeredBy =
        agent && show >= 0 && agent.joinDay <= createdDay && random.chance(0.12)
          ? agent.id
          : venue.id
      const amount = offer.type === 'library_fees' ? 10 * random.between(5, 200) : null
      return {
        row: `('${cards.codeOf(index)}',${venue.id},${offer.id},${show >= 0 ? shows.firstId + show : 'NULL'},'${calendar.text(usedOn)}',${places},${children},${groupSize ?? 'NULL'},${amount ?? 'NULL'},'${status}',NULL,${registeredBy},${cancelledAt},${cancelledBy},${seenAt}`,
        times: `'${calendar.stamp(created)}','${calendar.stamp(updated)}'`,
        usedOn,
        venue,
        status,
      }
    }
    return null
  }

  /*
  | The staff users to benchmark with, at the biggest area, distributor and
  | venue of the data set, and an admin; one password hash for all of them.
  */
  async #writeUsers(
    registry: QueryClientContract,
    organisations: OrganisationPlan[],
    cards: { byDistributor: Int32Array; area: Uint8Array },
    uses: { byVenue: Map<OrganisationPlan, number> }
  ) {
    const { default: hash } = await import('@adonisjs/core/services/hash')
    const password = await hash.make(BENCH_PASSWORD)
    const cardsByArea = new Map<AreaPlan, number>()
    for (const organisation of organisations) {
      const count = cards.byDistributor[organisation.index]
      if (count)
        cardsByArea.set(organisation.area, (cardsByArea.get(organisation.area) ?? 0) + count)
    }
    const biggestArea = [...cardsByArea.entries()].sort((a, b) => b[1] - a[1])[0][0]
    const biggestDistributor = organisations
      .filter((o) => o.type === 'distributor')
      .sort((a, b) => cards.byDistributor[b.index] - cards.byDistributor[a.index])[0]
    const venues = organisations.filter((o) => o.type === 'venue')
    const busiestVenue = [...venues].sort(
      (a, b) => (uses.byVenue.get(b) ?? 0) - (uses.byVenue.get(a) ?? 0)
    )[0]
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const users = [
      {
        email: `bench.admin${EMAIL_DOMAIN}`,
        full_name: 'Bench Kaikukeskus',
        role: 'admin',
        organisation_id: null,
        area_id: null,
        scope: 'every area',
      },
      {
        email: `bench.coordinator${EMAIL_DOMAIN}`,
        full_name: 'Bench Koordinaattori',
        role: 'area_coordinator',
        organisation_id: null,
        area_id: biggestArea.id,
        scope: `area ${biggestArea.name} (id ${biggestArea.id}, ${cardsByArea.get(biggestArea)!.toLocaleString('en')} cards)`,
      },
      {
        email: `bench.distributor${EMAIL_DOMAIN}`,
        full_name: 'Bench Jakaja',
        role: 'distributor',
        organisation_id: biggestDistributor.id,
        area_id: null,
        scope: `${biggestDistributor.name} (id ${biggestDistributor.id}, ${cards.byDistributor[biggestDistributor.index].toLocaleString('en')} cards)`,
      },
      {
        email: `bench.venue${EMAIL_DOMAIN}`,
        full_name: 'Bench Kohde',
        role: 'venue',
        organisation_id: busiestVenue.id,
        area_id: null,
        scope: `${busiestVenue.name} (id ${busiestVenue.id}, ${(uses.byVenue.get(busiestVenue) ?? 0).toLocaleString('en')} uses)`,
      },
    ]
    await registry.table('users').multiInsert(
      users.map(({ scope: _scope, ...user }) => ({
        ...user,
        password,
        active: true,
        created_at: now,
        updated_at: now,
      }))
    )
    const rows = await registry
      .from('users')
      .whereIn(
        'email',
        users.map((user) => user.email)
      )
      .select('id', 'email')
    const idOf = new Map(rows.map((row) => [String(row.email), Number(row.id)]))
    return users.map((user) => ({ ...user, id: idOf.get(user.email)! }))
  }

  #report(
    counts: Counts,
    cards: { byYear: Map<number, number> },
    uses: UseResult,
    users: Array<{ id: number; email: string; role: string; scope: string }>
  ) {
    const line = (map: Map<number, number>) =>
      [...map.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([year, count]) => `${year}: ${count.toLocaleString('en')}`)
        .join(', ')
    this.logger.info('Rows added:')
    for (const [table, count] of Object.entries(counts)) {
      this.logger.info(`  ${table.padEnd(20)} ${count.toLocaleString('en').padStart(12)}`)
    }
    this.logger.info(`Cards issued per year: ${line(cards.byYear)}`)
    this.logger.info(`Uses per year: ${line(uses.byYear)}`)
    const usesTotal = Math.max(uses.inserted, 1)
    this.logger.info(
      `Uses: ${uses.byStatus.registered.toLocaleString('en')} registered, ${uses.byStatus.cancelled.toLocaleString('en')} cancelled, ${uses.byStatus.no_show.toLocaleString('en')} no-shows; ${((100 * uses.crossArea) / usesTotal).toFixed(1)} % in another area than the card's; ${uses.dropped.toLocaleString('en')} of ${uses.planned.toLocaleString('en')} planned found no show and were left out`
    )
    this.logger.info(`Staff users (password ${BENCH_PASSWORD}):`)
    for (const user of users) {
      this.logger.info(
        `  ${user.email.padEnd(36)} id ${String(user.id).padEnd(6)} ${user.role}: ${user.scope}`
      )
    }
  }

  /*
  |--------------------------------------------------------------------------
  | --clean
  |--------------------------------------------------------------------------
  | Removes the data set in foreign key order and in slices of ids, so that no
  | statement runs for long: uses, cards (their history and answers go with
  | them), shows, offers, the users, the organisations. Rows that point at
  | them from elsewhere (posts, replies, partner answers) go first.
  */
  async #clean(registry: QueryClientContract) {
    const started = performance.now()
    const organisationIds = await idsOf(
      registry.from('organisations').where('name', 'like', `${NAME_PREFIX}%`).select('id')
    )
    const userIds = await idsOf(
      registry
        .from('users')
        .where('email', 'like', `bench.%${EMAIL_DOMAIN}`)
        .orWhereIn('organisation_id', organisationIds)
        .select('id')
    )
    if (!organisationIds.length && !userIds.length) {
      this.logger.info('No generated data set to remove')
      return
    }
    const offerIds = await idsOf(
      registry.from('offers').whereIn('organisation_id', organisationIds).select('id')
    )
    const removed: Counts = {}
    /*
    | A big table in slices of ids; on MySQL/MariaDB several connections at
    | once, each on its own part of the ids.
    */
    const inSlices = async (
      table: string,
      condition: (query: DatabaseQueryBuilderContract) => void,
      step: number
    ) => {
      const bounds = await registry.from(table).min('id as low').max('id as high').first()
      const low = Number(bounds?.low ?? 0)
      const end = Number(bounds?.high ?? -1) + 1
      const progress = new Progress(`removing ${table} (ids checked)`, end - low, (line) =>
        this.logger.info(line)
      )
      const lanes = this.#mysql ? DELETE_LANES : 1
      const part = Math.ceil((end - low) / lanes / step) * step
      let count = 0
      let checked = 0
      const lane = async (first: number, last: number) => {
        for (let from = first; from < last; from += step) {
          const query = registry
            .from(table)
            .where('id', '>=', from)
            .where('id', '<', Math.min(from + step, last))
          condition(query)
          const deleted = Number(await query.delete())
          count += deleted
          checked += Math.min(step, last - from)
          progress.update(checked)
        }
      }
      await Promise.all(
        Array.from({ length: lanes }, (_, index) =>
          lane(low + index * part, Math.min(low + (index + 1) * part, end))
        )
      )
      removed[table] = (removed[table] ?? 0) + count
    }
    const inLists = async (table: string, column: string, ids: number[]) => {
      let count = 0
      for (let start = 0; start < ids.length; start += 500) {
        count += Number(
          await registry
            .from(table)
            .whereIn(column, ids.slice(start, start + 500))
            .delete()
        )
      }
      removed[table] = (removed[table] ?? 0) + count
    }

    await inSlices(
      'uses',
      (query) =>
        query.where((inner) =>
          inner
            .whereIn('organisation_id', organisationIds)
            .orWhereIn('registered_by_organisation_id', organisationIds)
        ),
      50_000
    )
    // The data set's cards used elsewhere since (by hand in the app): by the code prefix.
    const prefixed = await registry
      .from('uses')
      .where('card_code', 'like', `${CODE_PREFIX}%`)
      .select('id', 'card_code')
    const ours = new Set<string>()
    const codes = [...new Set(prefixed.map((row) => String(row.card_code)))]
    for (let start = 0; start < codes.length; start += 500) {
      const rows = await registry
        .from('cards')
        .whereIn('code', codes.slice(start, start + 500))
        .whereIn('issuing_organisation_id', organisationIds)
        .select('code')
      for (const row of rows) ours.add(String(row.code))
    }
    await inLists(
      'uses',
      'id',
      prefixed.filter((row) => ours.has(String(row.card_code))).map((row) => Number(row.id))
    )
    await inSlices(
      'cards',
      (query) => query.whereIn('issuing_organisation_id', organisationIds),
      20_000
    )
    await inLists('card_events', 'organisation_id', organisationIds)
    await inLists('posts', 'offer_id', offerIds)
    await inLists('posts', 'author_organisation_id', organisationIds)
    await inLists('posts', 'audience_organisation_id', organisationIds)
    await inLists('post_replies', 'author_organisation_id', organisationIds)
    await inLists('survey_responses', 'organisation_id', organisationIds)
    for (let start = 0; start < offerIds.length; start += 100) {
      await inLists('occurrences', 'offer_id', offerIds.slice(start, start + 100))
    }
    await inLists('venue_rules', 'organisation_id', organisationIds)
    await inLists('offers', 'id', offerIds)
    await inLists('users', 'id', userIds)
    await inLists('organisations', 'id', organisationIds)

    this.logger.info('Rows removed:')
    for (const [table, count] of Object.entries(removed)) {
      if (count)
        this.logger.info(`  ${table.padEnd(20)} ${count.toLocaleString('en').padStart(12)}`)
    }
    this.logger.success(`Removed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }

  /** Rebuilds the statistics' summary tables (stats:refresh --full). */
  async #refreshSummaries() {
    let summaries: typeof import('#stats/services/summary_refresh')
    try {
      summaries = await import('#stats/services/summary_refresh')
    } catch (error) {
      this.logger.warning(
        `Could not load the summary refresh (${(error as Error).message}). Rebuild the summary tables with: node ace stats:refresh --full`
      )
      return
    }
    this.logger.info('Rebuilding the summary tables…')
    const started = performance.now()
    try {
      await summaries.refreshSummaries({ full: true })
    } catch (error) {
      this.logger.error(
        `The summary tables could not be rebuilt (${(error as Error).message}). Once that is fixed: node ace stats:refresh --full`
      )
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Summary tables rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
  }
}

/*
|--------------------------------------------------------------------------
| Cards' values
|--------------------------------------------------------------------------
*/
const COMMUNITY_ROLES = ['worker', 'worker', 'volunteer', 'student', 'partner'] as const

/** The data set's card code number `index`: ZZ, six characters, the check character. */
function cardCode(index: number) {
  let data = ''
  let rest = index
  for (let position = 0; position < 6; position++) {
    data = ALPHABET[rest % 32] + data
    rest = Math.floor(rest / 32)
  }
  data = CODE_PREFIX + data
  // Luhn mod 32, as in registry's card_code (checked against parseCardCode after the cards).
  let sum = 0
  let double = true
  for (let position = data.length - 1; position >= 0; position--) {
    let value = ALPHABET.indexOf(data[position])
    if (double) {
      value *= 2
      value = Math.floor(value / 32) + (value % 32)
    }
    sum += value
    double = !double
  }
  return data + ALPHABET[(32 - (sum % 32)) % 32]
}

/** Age at issue, 16–90: most 25–64. */
const AGE_BANDS = new Weighted<[number, number]>([
  [[16, 17], 1.5],
  [[18, 24], 10],
  [[25, 34], 18],
  [[35, 44], 18],
  [[45, 54], 17],
  [[55, 64], 16],
  [[65, 74], 12],
  [[75, 90], 7.5],
])

function cardAge(random: Random) {
  const [min, max] = AGE_BANDS.pick(random)
  return random.between(min, max)
}

function childrenOf(random: Random, age: number) {
  const r = random.next()
  if (age < 25) return r < 0.85 ? 0 : r < 0.95 ? 1 : 2
  if (age < 45) return r < 0.55 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4
  if (age < 60) return r < 0.7 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3
  return r < 0.88 ? 0 : r < 0.94 ? 1 : r < 0.98 ? 2 : 3
}

function genderOf(random: Random) {
  const r = random.next()
  return r < 0.55 ? 'woman' : r < 0.95 ? 'man' : r < 0.96 ? 'other' : r < 0.99 ? 'not_given' : null
}

function lifeSituationOf(random: Random, age: number) {
  const r = random.next()
  if (age < 25) {
    return r < 0.5
      ? 'student'
      : r < 0.75
        ? 'unemployed'
        : r < 0.85
          ? 'employed'
          : r < 0.9
            ? 'other'
            : null
  }
  if (age < 63) {
    return r < 0.45
      ? 'unemployed'
      : r < 0.65
        ? 'employed'
        : r < 0.7
          ? 'student'
          : r < 0.85
            ? 'other'
            : r < 0.88
              ? 'retired'
              : null
  }
  return r < 0.8 ? 'retired' : r < 0.85 ? 'other' : r < 0.88 ? 'employed' : null
}

function motherTongues(random: Random, area: AreaPlan) {
  const r = random.next()
  if (r < 0.03) return null
  if (r < 0.05) return area.swedishShare > 0.2 ? 'fi,sv' : random.pick(TWO_TONGUES)
  const s = random.next()
  if (s < area.swedishShare) return 'sv'
  if (s < area.swedishShare + area.foreignShare) return FOREIGN_TONGUES.pick(random)
  if (area.name === 'Lappi' && random.chance(0.01)) return 'smi'
  return 'fi'
}

function postalCode(random: Random, municipality: MunicipalityPlan) {
  const prefixes = POSTAL_PREFIX[municipality.name] ?? POSTAL_PREFIX[municipality.area.name] ?? null
  const prefix = prefixes ? random.pick(prefixes) : String(random.between(10, 99))
  return `${prefix}${random.int(10)}${random.int(10)}0`
}

function clampScore(value: number) {
  return Math.max(0, Math.min(10, Math.round(value)))
}

async function idsOf(query: DatabaseQueryBuilderContract): Promise<number[]> {
  const rows = await query
  return rows.map((row) => Number(row.id))
}

/** A submission key in the shape of a UUID, counting up (so the unique index grows at its end). */
function submissionKey(table: number, index: number) {
  return `beac${String(table).padStart(2, '0')}00-0000-4000-8000-${index.toString(16).padStart(12, '0')}`
}
