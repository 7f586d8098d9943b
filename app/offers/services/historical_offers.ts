import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Offer from '#offers/models/offer'
import Genre from '#offers/models/genre'

/*
| Offers for the old register's events (issue 20). A use belongs to an
| offer, and the old register knew only a venue and an event's name; the
| uses import (module `usage`) has one offer made here per venue and event.
|
| Such an offer is history, never on offer again:
| - unpublished, so neither the public list nor OmaKaiku's shows it, and its
|   page is not found (offer_catalogue.ts);
| - a performance without shows, so no registration form lists it: the form
|   lists a performance's shows of the last month and coming half year, and
|   open offers (other types) only (registration_targets.ts);
| - of the inactive genre `old_register` (the migration
|   20261202150410_add_old_register_genre.ts), which no venue can pick for an
|   offer of its own: the genre is what tells these offers from others.
| The venue sees them among its own offers, with their uses in its statistics.
*/
export const HISTORICAL_GENRE_KEY = 'old_register'

/** An offer's title is at most this long (the offers table). */
export const HISTORICAL_TITLE_MAX_LENGTH = 150

/** An event's name as an offer's title: spaces trimmed and runs of them made one. */
export function historicalTitle(name: string) {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ')
}

/**
 * What makes two event names the same event: letter case aside (the
 * databases compare titles with and without it; this is decided here).
 */
export function historicalTitleKey(name: string) {
  return historicalTitle(name).toLocaleLowerCase('fi')
}

const keyOf = (venueId: number, title: string) => `${venueId}\n${historicalTitleKey(title)}`

/**
 * The offers the import has made, by venue and event, loaded once per
 * import pass: `offerFor` finds a venue's event's offer or makes it, once.
 * Made offers are remembered, so a pass whose transaction is rolled back
 * leaves this with its other state and starts the next pass anew.
 */
export class HistoricalOffers {
  private constructor(
    private genreId: number,
    private ids: Map<string, number>
  ) {}

  /** Reads the offers made so far with `client` (the import's connection or transaction). */
  static async load(client: QueryClientContract) {
    const genre = await Genre.query({ client }).where('key', HISTORICAL_GENRE_KEY).firstOrFail()
    const rows = await client
      .from('offers')
      .where('genre_id', genre.id)
      .select('id', 'organisation_id', 'title')
      .orderBy('id')
    const ids = new Map<string, number>()
    for (const row of rows) {
      const key = keyOf(Number(row.organisation_id), row.title)
      if (!ids.has(key)) ids.set(key, Number(row.id))
    }
    return new HistoricalOffers(genre.id, ids)
  }

  /** The id of the offer for a venue's event, if made already. */
  idOf(venueId: number, title: string): number | null {
    return this.ids.get(keyOf(venueId, title)) ?? null
  }

  /**
   * The offer for a venue's event, made in the import's transaction if there
   * is none yet. `municipalityId`: where the venue is (offers need one).
   */
  async offerFor(
    venue: { id: number; municipalityId: number },
    name: string,
    trx: TransactionClientContract
  ): Promise<number> {
    const known = this.idOf(venue.id, name)
    if (known !== null) return known
    const offer = await Offer.create(
      {
        organisationId: venue.id,
        title: historicalTitle(name).slice(0, HISTORICAL_TITLE_MAX_LENGTH),
        description: '',
        type: 'performance',
        genreId: this.genreId,
        municipalityId: venue.municipalityId,
        location: '',
        accessibility: '',
        childrenAllowed: true,
        guestProduction: false,
        oncePerCard: false,
        weekendsExcluded: false,
        bookingOpensDays: null,
        yearlyVisits: null,
        yearlyEuroCap: null,
        availableFrom: null,
        availableUntil: null,
        published: false,
        revision: 1,
      },
      { client: trx }
    )
    this.ids.set(keyOf(venue.id, name), offer.id)
    return offer.id
  }
}
