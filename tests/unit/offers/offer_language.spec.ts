import { test } from '@japa/runner'
import Offer from '#offers/models/offer'
import { placeName } from '#registry/services/place_names'

/** An offer written in Finnish with a Swedish title and description, but no English version. */
function offerWithSwedish() {
  const offer = new Offer()
  offer.merge({
    language: 'fi',
    title: 'Joulukonsertti',
    description: 'Kuoro laulaa joululauluja.',
    accessibility: 'Esteetön sisäänkäynti.',
    titleSv: 'Julkonsert',
    descriptionSv: 'Kören sjunger julsånger.',
    accessibilitySv: null,
    titleEn: null,
    descriptionEn: null,
    accessibilityEn: null,
  })
  return offer
}

test.group('Offer texts in the page language', () => {
  test('the Swedish page shows the Swedish version, marked sv; a missing one stays Finnish', ({
    assert,
  }) => {
    const offer = offerWithSwedish()
    assert.deepEqual(offer.textIn('title', 'sv'), { text: 'Julkonsert', lang: 'sv' })
    assert.deepEqual(offer.textIn('description', 'sv'), {
      text: 'Kören sjunger julsånger.',
      lang: 'sv',
    })
    assert.deepEqual(offer.textIn('accessibility', 'sv'), {
      text: 'Esteetön sisäänkäynti.',
      lang: 'fi',
    })
  })

  test('the English page without an English version shows the original, marked fi', ({
    assert,
  }) => {
    const offer = offerWithSwedish()
    assert.deepEqual(offer.textIn('title', 'en'), { text: 'Joulukonsertti', lang: 'fi' })
    assert.deepEqual(offer.textIn('title', 'fi'), { text: 'Joulukonsertti', lang: 'fi' })
  })

  test('an offer written in Swedish is Swedish on the Finnish page', ({ assert }) => {
    const offer = new Offer()
    offer.merge({ language: 'sv', title: 'Simhall', titleSv: null, titleEn: 'Swimming pool' })
    assert.deepEqual(offer.textIn('title', 'fi'), { text: 'Simhall', lang: 'sv' })
    assert.deepEqual(offer.textIn('title', 'sv'), { text: 'Simhall', lang: 'sv' })
    assert.deepEqual(offer.textIn('title', 'en'), { text: 'Swimming pool', lang: 'en' })
  })
})

test.group('Place names in the page language', () => {
  test('Swedish names in Swedish, Finnish ones otherwise and when there is none', ({ assert }) => {
    assert.equal(placeName({ name: 'Närpiö', nameSv: 'Närpes' }, 'sv'), 'Närpes')
    assert.equal(placeName({ name: 'Närpiö', nameSv: 'Närpes' }, 'fi'), 'Närpiö')
    assert.equal(placeName({ name: 'Närpiö', nameSv: 'Närpes' }, 'en'), 'Närpiö')
    assert.equal(placeName({ name: 'Pohjanmaa', name_sv: 'Österbotten' }, 'sv'), 'Österbotten')
    assert.equal(placeName({ name: 'Kainuu', nameSv: null }, 'sv'), 'Kainuu')
    assert.equal(placeName(null, 'sv'), '')
  })
})
