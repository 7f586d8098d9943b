/*
| Place names in the reader's language (issue 22): an area or a municipality
| has its Finnish name and, when it has one, a Swedish name; the Swedish
| interface shows the Swedish one (Närpes, Vörå, Österbotten), the Finnish
| and English interfaces the Finnish one. The one place that decides.
*/

/** An area or municipality, as a model or as a row of a query (name_sv). */
export type NamedPlace = { name: string; nameSv?: string | null; name_sv?: string | null }

/** The place's name for a page in `locale`; the Finnish name when there is no Swedish one. */
export function placeName(place: NamedPlace | null | undefined, locale: string): string {
  if (!place) return ''
  if (locale === 'sv') return place.nameSv || place.name_sv || place.name
  return place.name
}
