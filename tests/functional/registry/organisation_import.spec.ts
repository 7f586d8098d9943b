import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { randomUUID } from 'node:crypto'
import Organisation from '#registry/models/organisation'
import Municipality from '#registry/models/municipality'
import { organisationImport } from '#registry/services/organisation_import'
import { createArea } from '#tests/helpers/fixtures'
import { dryRun, failedRun, realRun, table } from '#tests/helpers/import_kinds'

const HEADER = [
  'id',
  'name',
  'type',
  'area',
  'municipality',
  'category',
  'contact_name',
  'contact_phone',
  'contact_email',
  'active',
]

const bySource = (sourceId: string) => Organisation.findByOrFail('source_id', sourceId)

/** A source id no other test uses. */
const sourceId = () => `org-${randomUUID().slice(0, 8)}`

test.group('Import: organisations', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('adds organisations from the old words, names in any case and a pop-up venue; the same file again changes nothing', async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const [museumId, centreId, popupId] = [sourceId(), sourceId(), sourceId()]
    const file = table(
      HEADER,
      [
        museumId,
        'Taidemuseo',
        'kohde',
        area.name.toUpperCase(),
        municipality.name.toLowerCase(),
        'Museo',
        'Kaisa Kontakti',
        '040 123 4567',
        'Kaisa@Museo.example',
        '',
      ],
      [centreId, 'Perhekeskus', 'Jakaja', area.name, municipality.name, '', '', '', '', 'ei'],
      [popupId, 'Pop-up-teatteri', 'venue', '', '', 'theatre', '', '', '', 'kyllä']
    )

    const dry = await dryRun(organisationImport, file)
    assert.deepInclude(dry, { add: 3, update: 0, skip: 0, refusals: [] })
    assert.isNull(await Organisation.findBy('source_id', museumId), 'a dry run writes nothing')

    const first = await realRun(organisationImport, file)
    assert.deepInclude(first, { add: 3, update: 0, skip: 0, refusals: [] })
    const museum = await bySource(museumId)
    assert.deepInclude(museum.serialize(), {
      name: 'Taidemuseo',
      type: 'venue',
      areaId: area.id,
      municipalityId: municipality.id,
      venueCategory: 'museum',
      contactName: 'Kaisa Kontakti',
      contactPhone: '+358401234567',
      contactEmail: 'kaisa@museo.example',
    })
    assert.isTrue(Boolean(museum.active), 'a new organisation without a word on it is in use')
    const centre = await bySource(centreId)
    assert.equal(centre.type, 'distributor')
    assert.isNull(centre.venueCategory)
    assert.isFalse(Boolean(centre.active))
    assert.isNull(centre.contactName)
    const popup = await bySource(popupId)
    assert.isNull(popup.areaId)
    assert.isNull(popup.municipalityId)

    const again = await realRun(organisationImport, file)
    assert.deepInclude(again, { add: 0, update: 0, skip: 3, refusals: [] })
    assert.equal((await bySource(museumId)).updatedAt.toMillis(), museum.updatedAt.toMillis())
  })

  test('a changed row updates its organisation; the others are skipped; a file without contact columns keeps the contact', async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const other = await Municipality.create({
      areaId: area.id,
      name: `Toinen ${randomUUID().slice(0, 6)}`,
      status: 'in_use',
    })
    const [libraryId, clubId] = [sourceId(), sourceId()]
    const row = (name: string, place: Municipality, phone: string) => [
      libraryId,
      name,
      'kohde',
      area.name,
      place.name,
      'kirjasto',
      'Liisa',
      phone,
      '',
      '',
    ]
    const club = [clubId, 'Urheiluseura', 'kumppani', area.name, municipality.name, '', '', '', '']
    await realRun(organisationImport, table(HEADER, row('Kirjasto', municipality, ''), club))

    const changed = await realRun(
      organisationImport,
      table(HEADER, row('Pääkirjasto', other, '+358 9 310 1234'), club)
    )
    assert.deepInclude(changed, { add: 0, update: 1, skip: 1 })
    const library = await bySource(libraryId)
    assert.equal(library.name, 'Pääkirjasto')
    assert.equal(library.municipalityId, other.id)
    assert.equal(library.contactPhone, '+35893101234')
    assert.equal((await bySource(clubId)).type, 'partner')

    const withoutContacts = await realRun(
      organisationImport,
      table(
        ['id', 'name', 'type', 'area', 'municipality', 'category'],
        [libraryId, 'Pääkirjasto', 'kohde', area.name, other.name, 'library']
      )
    )
    assert.deepInclude(withoutContacts, { update: 0, skip: 1 })
    assert.equal((await bySource(libraryId)).contactName, 'Liisa')
  })

  test('each kind of wrong row is refused with its column and reason, and the file writes nothing', async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const elsewhere = await createArea()
    const good = (id: string) => [id, 'Museo', 'kohde', area.name, municipality.name, 'museum']
    const okId = sourceId()
    const file = table(
      HEADER,
      good(okId),
      ['', 'Nimetön', 'jakaja', area.name, municipality.name, ''],
      [sourceId(), '', 'jakaja', area.name, municipality.name, ''],
      [sourceId(), 'Linna', 'linna', area.name, municipality.name, ''],
      [sourceId(), 'Kohde', 'kohde', area.name, municipality.name, ''],
      [sourceId(), 'Kohde', 'kohde', area.name, municipality.name, 'sirkus'],
      [sourceId(), 'Jakaja', 'jakaja', '', '', ''],
      [sourceId(), 'Jakaja', 'jakaja', 'Atlantis', municipality.name, ''],
      [sourceId(), 'Jakaja', 'jakaja', area.name, 'Tuntematon', ''],
      [sourceId(), 'Jakaja', 'jakaja', area.name, '', ''],
      [sourceId(), 'Jakaja', 'jakaja', area.name, elsewhere.municipality.name, ''],
      [sourceId(), 'Pop-up', 'kohde', '', municipality.name, 'museum'],
      [sourceId(), 'Jakaja', 'jakaja', area.name, municipality.name, '', 'N', '12', 'ei-osoite'],
      [sourceId(), 'Jakaja', 'jakaja', area.name, municipality.name, '', '', '', '', 'ehkä'],
      [sourceId(), 'x'.repeat(151), 'jakaja', area.name, municipality.name, '']
    )
    const report = await failedRun(organisationImport, file)
    const reasons = report.refusals.map(({ row, column, reason }) => `${row} ${column} ${reason}`)
    assert.deepEqual(reasons, [
      '3 id organisation_value_missing',
      '4 name organisation_value_missing',
      '5 type organisation_unknown_type',
      '6 category organisation_category_missing',
      '7 category organisation_unknown_category',
      '8 area organisation_area_missing',
      '9 area organisation_unknown_area',
      '10 municipality organisation_unknown_municipality',
      '11 municipality organisation_value_missing',
      '12 municipality organisation_municipality_not_in_area',
      '13 municipality organisation_popup_municipality',
      '14 contact_phone organisation_bad_phone',
      '14 contact_email organisation_bad_email',
      '15 active organisation_bad_yes_no',
      '16 name organisation_too_long',
    ])
    const paramsOf = (reason: string) =>
      report.refusals.find((refusal) => refusal.reason === reason)?.params
    assert.deepEqual(paramsOf('organisation_unknown_type'), { value: 'linna' })
    assert.deepEqual(paramsOf('organisation_too_long'), { max: 150 })
    assert.deepEqual(paramsOf('organisation_municipality_not_in_area'), {
      municipality: elsewhere.municipality.name,
      area: area.name,
    })
    assert.isNull(await Organisation.findBy('source_id', okId), 'all or nothing')
  })

  test('an organisation made by hand with the same name, area and type is taken over, not doubled; two such are refused as ambiguous', async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const handMade = await Organisation.create({
      name: 'Kaupunginkirjasto',
      type: 'venue',
      areaId: area.id,
      municipalityId: municipality.id,
      venueCategory: 'library',
      active: true,
    })
    // The same name as a distributor is another organisation.
    const distributor = await Organisation.create({
      name: 'Kaupunginkirjasto',
      type: 'distributor',
      areaId: area.id,
      municipalityId: municipality.id,
      active: true,
    })
    const libraryId = sourceId()
    const file = table(HEADER, [
      libraryId,
      'KAUPUNGINKIRJASTO',
      'kohde',
      area.name,
      municipality.name,
      'kirjasto',
    ])
    const before = await Organisation.query().where('area_id', area.id).count('* as total')

    assert.deepInclude(await realRun(organisationImport, file), { add: 0, update: 1 })
    const taken = await bySource(libraryId)
    assert.equal(taken.id, handMade.id)
    assert.equal(taken.name, 'KAUPUNGINKIRJASTO')
    assert.isNull((await Organisation.findOrFail(distributor.id)).sourceId)
    const after = await Organisation.query().where('area_id', area.id).count('* as total')
    assert.equal(after[0].$extras.total, before[0].$extras.total)
    assert.deepInclude(await realRun(organisationImport, file), { skip: 1 })

    await Organisation.createMany([
      { name: 'Nuorisotalo', type: 'partner', areaId: area.id, municipalityId: null, active: true },
      { name: 'nuorisotalo', type: 'partner', areaId: area.id, municipalityId: null, active: true },
    ])
    const ambiguous = await dryRun(
      organisationImport,
      table(HEADER, [sourceId(), 'Nuorisotalo', 'kumppani', area.name, municipality.name, ''])
    )
    assert.deepEqual(ambiguous.refusals, [
      {
        row: 2,
        column: 'name',
        reason: 'organisation_name_ambiguous',
        params: { name: 'Nuorisotalo', count: 2 },
      },
    ])
  })

  test("a distributor's category: a key or the form's label sets it, an empty cell keeps the one set by hand, an unknown one is refused", async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const [ngoId, parishId, keptId] = [sourceId(), sourceId(), sourceId()]
    const row = (id: string, name: string, category: string) => [
      id,
      name,
      'jakaja',
      area.name,
      municipality.name,
      category,
    ]
    const first = await realRun(
      organisationImport,
      table(
        HEADER,
        row(ngoId, 'Nuorten Ystävät', 'järjestö tai yhdistys'),
        row(parishId, 'Diakoniatyö', 'parish'),
        row(keptId, 'Aikuissosiaalityö', '')
      )
    )
    assert.deepInclude(first, { add: 3, refusals: [] })
    assert.equal((await bySource(ngoId)).distributorCategory, 'ngo')
    assert.equal((await bySource(parishId)).distributorCategory, 'parish')
    const kept = await bySource(keptId)
    assert.isNull(kept.distributorCategory, 'the old register had no categories')

    // Set by hand afterwards; the same file again leaves it.
    kept.distributorCategory = 'social_services'
    await kept.save()
    const again = await realRun(
      organisationImport,
      table(HEADER, row(keptId, 'Aikuissosiaalityö', ''))
    )
    assert.deepInclude(again, { add: 0, update: 0, skip: 1 })
    assert.equal((await bySource(keptId)).distributorCategory, 'social_services')

    const refused = await failedRun(
      organisationImport,
      table(HEADER, row(sourceId(), 'Kerho', 'kerho'))
    )
    assert.deepEqual(
      refused.refusals.map(({ column, reason, params }) => [column, reason, params]),
      [['category', 'organisation_unknown_distributor_category', { value: 'kerho' }]]
    )
  })
})
