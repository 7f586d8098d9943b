import type { OfferType } from '#offers/models/offer'
import type { VenueCategory } from '#registry/services/directory'
import { Weighted } from './random.js'

/* What venues of each category offer, and when their shows are. */

export const CATEGORY_WEIGHTS = new Weighted<VenueCategory>([
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

export const CATEGORY_NAMES: Record<VenueCategory, string> = {
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

export type Schedule =
  'stage' | 'concert' | 'screenings' | 'festival' | 'course' | 'match' | 'weekly'

export type OfferTemplate = {
  type: OfferType
  genres: string[]
  schedule?: Schedule
  /** How many of these a venue has. */
  count: [number, number]
  /** Seats at a show. */
  capacity?: [number, number]
  title: string
}

export const OFFER_TEMPLATES: Record<VenueCategory, OfferTemplate[]> = {
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
export const SHOW_TIME: Record<Schedule, number> = {
  stage: 19 * 3600,
  concert: 19 * 3600,
  screenings: 18 * 3600,
  festival: 17 * 3600,
  course: 17 * 3600 + 1800,
  match: 15 * 3600,
  weekly: 18 * 3600,
}
