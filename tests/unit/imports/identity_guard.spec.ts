import { test } from '@japa/runner'
import {
  IdentityGuard,
  hasHenkilotunnus,
  hasStreetAddress,
  headerIdentity,
  identityMessageKey,
  isPhoneNumber,
} from '#imports/services/identity_guard'
import { openTableFile } from '#imports/services/table_file'

const fixture = (name: string) =>
  new URL(`../../fixtures/imports/${name}`, import.meta.url).pathname

/** What the guard finds in a file: column, kind, first row, by what. */
async function guardFile(name: string) {
  const file = await openTableFile(fixture(name), name)
  const guard = new IdentityGuard(file.headers, { headerRow: file.headerRow })
  for await (const { row, values } of file.rows()) guard.check(row, values)
  return guard
}

/** The guard over headers and rows given here (rows numbered from 2). */
function guardRows(headers: string[], rows: string[][]) {
  const guard = new IdentityGuard(headers)
  rows.forEach((values, index) => guard.check(index + 2, values))
  return guard.findings().map(({ column, kind, row, by }) => ({ column, kind, row, by }))
}

test.group('Identity guard: headers', () => {
  test('names in Finnish, Swedish and English, compound ones too', ({ assert }) => {
    for (const header of [
      'nimi',
      'Nimi',
      'etunimi',
      'Sukunimi',
      'asiakkaan_nimi',
      'Asiakkaan nimi',
      'kortinhaltijan nimi',
      'name',
      'First_Name',
      'lastname',
      'full name',
      'namn',
      'Förnamn',
      'efternamn',
      'yhteyshenkilön nimi',
    ]) {
      assert.equal(headerIdentity(header.toLowerCase()), 'name', header)
    }
  })

  test('identity numbers, phones, e-mails and addresses, with or without accents', ({ assert }) => {
    const expected: Record<string, string> = {
      'hetu': 'identity_number',
      'HETU': 'identity_number',
      'henkilötunnus': 'identity_number',
      'henkilotunnus': 'identity_number',
      'asiakkaan_henkilötunnus': 'identity_number',
      'sotu': 'identity_number',
      'ssn': 'identity_number',
      'personbeteckning': 'identity_number',
      'puhelin': 'phone',
      'puhelinnumero': 'phone',
      'matkapuhelin': 'phone',
      'puh': 'phone',
      'gsm': 'phone',
      'phone': 'phone',
      'mobile': 'phone',
      'telefon': 'phone',
      'sähköposti': 'email',
      'Sähkö-posti': 'email',
      'sahkopostiosoite': 'email',
      'email': 'email',
      'E-mail': 'email',
      'e_mail_address': 'email',
      'e-post': 'email',
      'osoite': 'address',
      'katuosoite': 'address',
      'lähiosoite': 'address',
      'address': 'address',
      'street_address': 'address',
      'adress': 'address',
      'gatuadress': 'address',
    }
    for (const [header, kind] of Object.entries(expected)) {
      assert.equal(headerIdentity(header.toLowerCase()), kind, header)
    }
  })

  test('the documented columns and the names of things are not identity', ({ assert }) => {
    for (const header of [
      'event_name',
      'tapahtuma',
      'tapahtuman_nimi',
      'tapahtuman nimi',
      'esityksen nimi',
      'venue',
      'venue_name',
      'organisation',
      'organisation_name',
      'organisaation nimi',
      'kohteen nimi',
      'kunnan_nimi',
      'postal_code',
      'postinumero',
      'postnummer',
      'code',
      'card_code',
      'source_id',
      'type',
      'status',
      'issued_on',
      'valid_until',
      'birth_year',
      'gender',
      'mother_tongue',
      'municipality',
      'household_size',
      'children',
      'places',
      'consented_on',
      'nimike',
      'nimitys',
      'note',
      '',
    ]) {
      assert.isNull(headerIdentity(header), header)
    }
  })

  test("the kind's own documented columns are never flagged by their header", ({ assert }) => {
    const guard = new IdentityGuard(['code', 'tuotteen_nimi'], { documented: ['Tuotteen nimi'] })
    assert.isFalse(guard.refused)
    assert.isTrue(new IdentityGuard(['code', 'tuotteen_nimi']).refused)
  })

  test('a header flags its column at the header row', ({ assert }) => {
    const guard = new IdentityGuard(['code', 'asiakkaan_nimi', 'gsm'], { headerRow: 3 })
    assert.deepEqual(guard.problems(), [
      {
        column: 'asiakkaan_nimi',
        reason: 'identity_column',
        params: { column: 'asiakkaan_nimi', kind: 'name', row: 3 },
      },
      {
        column: 'gsm',
        reason: 'identity_column',
        params: { column: 'gsm', kind: 'phone', row: 3 },
      },
    ])
    assert.equal(identityMessageKey('name'), 'import.identity.name')
  })
})

test.group('Identity guard: values', () => {
  test('a henkilötunnus is known by its date, century sign and check character', ({ assert }) => {
    for (const valid of [
      '131052-308T',
      '010203A1230',
      '150515B9452',
      '311299Y012L',
      '010150+002D',
      '290200A901C',
      '131052-308t',
      'hetu: 131052-308T, muutettu',
    ]) {
      assert.isTrue(hasHenkilotunnus(valid), valid)
    }
    for (const invalid of [
      '131052-308A', // wrong check character
      '310252-308T', // 31 February
      '131352-308T', // month 13
      '131052G308T', // no such century sign
      '131052-308', // no check character
      'X131052-308T', // part of a longer code
      '7KQM29XC4',
      '1985',
    ]) {
      assert.isFalse(hasHenkilotunnus(invalid), invalid)
    }
  })

  test('phone numbers start with + or 0 and have seven digits or more', ({ assert }) => {
    for (const phone of [
      '0401234567',
      '040 123 4567',
      '040-123 4567',
      '(09) 123 4567',
      '+358 40 123 4567',
      '+358401234567',
      '00358401234567',
      '070-123 45 67',
      '+46 70 123 45 67',
    ]) {
      assert.isTrue(isPhoneNumber(phone), phone)
    }
    for (const other of [
      '1234567', // a source id
      '00100', // a postal code
      '96100',
      '1985', // a birth year
      '01.02.2024', // a date
      '2024-02-01',
      '0123456', // no such number
      '0012345',
      '0501234', // seven bare digits: an id padded with zeros
      '0100123', // a service number, not a person's
      '0201234567',
      '0',
      '04012',
      'KK001234',
    ]) {
      assert.isFalse(isPhoneNumber(other), other)
    }
  })

  test('a street address is a street word and a house number', ({ assert }) => {
    for (const address of [
      'Hämeenkatu 14',
      'Mannerheimintie 5 A 7',
      'Kuusikuja 3',
      'Kirkkopolku 12 b',
      'Länsiväylä 40',
      'Koivuraitti 2',
      'Sateenkaari 8',
      'Storgatan 1',
      'Strandvägen 7 B',
      'Kyrkogränd 3',
      'asuu Hämeenkatu 14:ssa',
    ]) {
      assert.isTrue(hasStreetAddress(address), address)
    }
    for (const other of [
      'Hämeenkatu',
      'tie 5',
      'Kalevala-ilta',
      'Hamlet',
      'Elämän tie 2',
      'katu',
      '96100 Rovaniemi',
    ]) {
      assert.isFalse(hasStreetAddress(other), other)
    }
  })

  test('each kind is found by a value in an undocumented column, at its first row', ({
    assert,
  }) => {
    assert.deepEqual(
      guardRows(
        ['code', 'lisätieto', 'x', 'y', '', 'z'],
        [
          ['A1', '', '', '', '', ''],
          ['A2', 'matti.meikalainen@example.fi', '', '', '', ''],
          ['A3', '', '040 123 4567', '', '', ''],
          ['A4', '', '', 'Hämeenkatu 14 B 7', '', ''],
          ['A5', '', '', '', '131052-308T', ''],
          // Beyond the last header: a column without a heading.
          ['A6', '', '', '', '', '', 'ruotsi@example.se'],
          ['A7', 'toinen@example.fi', '', '', '', ''],
        ]
      ),
      [
        { column: 'lisätieto', kind: 'email', row: 3, by: 'value' },
        { column: 'x', kind: 'phone', row: 4, by: 'value' },
        { column: 'y', kind: 'address', row: 5, by: 'value' },
        { column: 'E', kind: 'identity_number', row: 6, by: 'value' },
        { column: 'G', kind: 'email', row: 7, by: 'value' },
      ]
    )
  })

  test('a file without a header row: its first row is read as the header and still checked', ({
    assert,
  }) => {
    assert.deepEqual(guardRows(['7kqm29xc4', '131052-308t'], []), [
      { column: '131052-308t', kind: 'identity_number', row: 1, by: 'value' },
    ])
  })

  test('an event or venue may be named after a street; other values are still checked there', ({
    assert,
  }) => {
    assert.deepEqual(
      guardRows(
        ['event_name', 'venue', 'note'],
        [
          ['Kävely: Aleksanterinkatu 12', 'Hämeenkatu 5', ''],
          ['Hamlet', 'V12', 'Hämeenkatu 5'],
          ['Soita 040 123 4567', 'info@teatteri.fi', ''],
        ]
      ),
      [
        { column: 'venue', kind: 'email', row: 4, by: 'value' },
        { column: 'note', kind: 'address', row: 3, by: 'value' },
      ]
    )
  })

  test('what the guard reports names the column and the row, never the value', ({ assert }) => {
    const guard = new IdentityGuard(['code', 'note'])
    guard.check(2, ['A1', 'matti@example.fi'])
    guard.check(3, ['A2', '131052-308T'])
    const reported = JSON.stringify([guard.findings(), guard.problems()])
    assert.notInclude(reported, 'matti')
    assert.notInclude(reported, '131052')
    assert.deepEqual(guard.findings(), [
      { column: 'note', index: 1, kind: 'email', row: 2, by: 'value' },
    ])
  })
})

test.group('Identity guard: realistic files', () => {
  test('a cards file with codes, dates, birth years, postal codes, counts, languages and genders passes', async ({
    assert,
  }) => {
    const guard = await guardFile('cards_realistic.csv')
    assert.deepEqual(guard.findings(), [])
    assert.isFalse(guard.refused)
  })

  test('a uses file with event names and venue ids passes', async ({ assert }) => {
    const guard = await guardFile('uses_realistic.csv')
    assert.deepEqual(guard.findings(), [])
  })

  test('the same cards file with an identity column added is refused, naming it', async ({
    assert,
  }) => {
    const file = await openTableFile(fixture('cards_realistic.csv'), 'cards.csv')
    const guard = new IdentityGuard([...file.headers, 'extra'])
    for await (const { row, values } of file.rows()) {
      guard.check(row, [...values, row === 6 ? '+358 40 765 4321' : ''])
    }
    assert.deepEqual(guard.problems(), [
      {
        column: 'extra',
        reason: 'identity_column',
        params: { column: 'extra', kind: 'phone', row: 6 },
      },
    ])
  })
})
