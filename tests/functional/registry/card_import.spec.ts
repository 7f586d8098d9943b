import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import ReplacedCode from '#registry/models/replaced_code'
import CardService from '#registry/services/card_service'
import { formatCardCode, generateCardCode } from '#registry/services/card_code'
import { createArea, createUser, issueCard } from '#tests/helpers/fixtures'
import { cardLine, giveSourceId, importCardLines } from '#tests/helpers/card_import'
import { codesOf, readyRun } from '#tests/helpers/print_runs'
import { randomUUID } from 'node:crypto'

async function distributorWithSourceId() {
  const distributor = await createUser('distributor')
  const organisation = await Organisation.findOrFail(distributor.organisationId)
  return { distributor, organisation, sourceId: await giveSourceId(organisation) }
}

const cardOf = (sourceId: string) => Card.query().where('source_id', sourceId).firstOrFail()

test.group('Importing cards: the cards kind', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('adds cards as the old register has them: old and new codes, Finnish words, ended cards without background data', async ({
    assert,
  }) => {
    const { organisation, sourceId } = await distributorWithSourceId()
    const newCode = generateCardCode()
    const lines = [
      cardLine(sourceId, {
        id: '1001',
        code: 'kk-001 234',
        mother_tongues: 'suomi; so',
        gender: 'nainen',
        life_situation: 'työtön',
        consent_given_on: '01.02.2024',
      }),
      cardLine(sourceId, {
        id: '1002',
        code: formatCardCode(newCode).toLowerCase(),
        type: 'yhteisö',
        community_role: 'vapaaehtoinen',
        issued_on: '2015-03-01',
        valid_until: '2016-02-29',
        postal_code: '100',
        mother_tongues: '',
        gender: '',
        life_situation: '',
      }),
      cardLine(sourceId, {
        id: '1003',
        code: '123456',
        status: 'päätetty',
        ended_on: '15.6.2018',
        issued_on: '1.1.2018',
        valid_until: '31.12.2018',
        birth_year: '',
        postal_code: '',
        children_count: '',
        mother_tongues: '',
        gender: '',
        life_situation: '',
        consent_given_on: '',
      }),
    ]
    // An old card without the data today's form requires: kept unknown, the card still works.
    lines.push(
      cardLine(sourceId, {
        id: '1004',
        code: 'AB12',
        status: 'voimassa',
        birth_year: '',
        postal_code: '',
        children_count: '',
      })
    )
    const { outcomes } = await importCardLines(lines)
    assert.deepEqual(outcomes, ['add', 'add', 'add', 'add'])

    const old = await cardOf('1001')
    assert.equal(old.code, 'KK001234')
    assert.equal(old.type, 'personal')
    assert.isNull(old.communityRole)
    assert.equal(old.issuingOrganisationId, organisation.id)
    assert.equal(old.issuedOn.toISODate(), '2024-02-01')
    assert.equal(old.validUntil.toISODate(), '2099-12-31')
    assert.equal(old.status, 'active')
    assert.equal(old.birthYear, 1980)
    assert.equal(old.postalCode, '33100')
    assert.equal(old.childrenCount, 1)
    assert.deepEqual(old.motherTongues, ['fi', 'so'])
    assert.equal(old.gender, 'woman')
    assert.equal(old.lifeSituation, 'unemployed')
    // Consent on a day: from its start in Finnish time.
    assert.equal(
      old.consentGivenAt!.setZone('Europe/Helsinki').toISO(),
      '2024-02-01T00:00:00.000+02:00'
    )
    assert.equal(old.revision, 1)
    assert.equal(old.stateOn(old.issuedOn), 'valid')

    const community = await cardOf('1002')
    assert.equal(community.code, newCode)
    assert.equal(community.type, 'community')
    assert.equal(community.communityRole, 'volunteer')
    // A spreadsheet's lost leading zeros are put back.
    assert.equal(community.postalCode, '00100')
    assert.deepEqual(community.motherTongues, [])
    assert.isNull(community.gender)

    const ended = await cardOf('1003')
    assert.equal(ended.code, '123456')
    assert.equal(ended.status, 'ended')
    assert.equal(ended.endedOn!.toISODate(), '2018-06-15')
    assert.isNull(ended.birthYear)
    assert.isNull(ended.postalCode)
    assert.equal(ended.childrenCount, 0)
    assert.isNull(ended.consentGivenAt)

    const unknown = await cardOf('1004')
    assert.equal(unknown.code, 'AB12')
    assert.equal(unknown.status, 'active')
    assert.isNull(unknown.birthYear)
    assert.isNull(unknown.postalCode)
    assert.equal(unknown.childrenCount, 0)
    assert.equal(unknown.stateOn(unknown.issuedOn), 'valid')

    // No history events: the history starts with what is done in Kaikukanta.
    const events = await db.connection('registry').from('card_events').where('card_id', old.id)
    assert.lengthOf(events, 0)
  })

  test('the same file again changes nothing; a changed row updates only its card', async ({
    assert,
  }) => {
    const { sourceId } = await distributorWithSourceId()
    const lines = [
      cardLine(sourceId, { id: 'A1', code: 'KK000001' }),
      cardLine(sourceId, { id: 'A2', code: 'KK000002', mother_tongues: 'so,fi' }),
      cardLine(sourceId, {
        id: 'A3',
        code: 'KK000003',
        type: 'community',
        community_role: 'partner',
        birth_year: '',
        postal_code: '',
        children_count: '',
        mother_tongues: '',
        gender: '',
        life_situation: '',
      }),
    ]
    assert.deepEqual((await importCardLines(lines)).outcomes, ['add', 'add', 'add'])
    const before = await Card.query().whereIn('source_id', ['A1', 'A2', 'A3']).orderBy('id')

    assert.deepEqual((await importCardLines(lines)).outcomes, ['skip', 'skip', 'skip'])
    // The same languages in another order are the same value.
    const reordered = [lines[0], { ...lines[1], mother_tongues: 'fi; so' }, lines[2]]
    assert.deepEqual((await importCardLines(reordered)).outcomes, ['skip', 'skip', 'skip'])
    const after = await Card.query().whereIn('source_id', ['A1', 'A2', 'A3']).orderBy('id')
    assert.deepEqual(
      after.map((card) => card.serialize()),
      before.map((card) => card.serialize())
    )

    const changed = [
      { ...lines[0], valid_until: '30.6.2099', postal_code: '33200' },
      lines[1],
      lines[2],
    ]
    assert.deepEqual((await importCardLines(changed)).outcomes, ['update', 'skip', 'skip'])
    const updated = await cardOf('A1')
    assert.equal(updated.validUntil.toISODate(), '2099-06-30')
    assert.equal(updated.postalCode, '33200')
    // An open form on the card is now stale.
    assert.equal(updated.revision, 2)
    assert.equal((await cardOf('A2')).revision, 1)

    // A file without the voluntary columns leaves what the register has.
    const voluntary = ['gender', 'life_situation', 'mother_tongues', 'consent_given_on']
    const withoutVoluntary = Object.fromEntries(
      Object.entries(changed[0]).filter(([column]) => !voluntary.includes(column))
    )
    assert.deepEqual((await importCardLines([withoutVoluntary])).outcomes, ['skip'])
    const kept = await cardOf('A1')
    assert.equal(kept.gender, 'woman')
    assert.deepEqual(kept.motherTongues, ['fi'])
    assert.isNotNull(kept.consentGivenAt)
    // An empty value clears it.
    const cleared = await importCardLines([{ ...changed[0], gender: '' }])
    assert.deepEqual(cleared.outcomes, ['update'])
    assert.isNull((await cardOf('A1')).gender)
  })

  test('refuses each kind of bad value, naming the column and the reason', async ({ assert }) => {
    const { sourceId } = await distributorWithSourceId()
    const cases: Array<[Record<string, string>, string, string, Record<string, unknown>?]> = [
      [{ id: '' }, 'id', 'card_value_missing'],
      [{ id: 'x'.repeat(65) }, 'id', 'card_too_long', { max: 64 }],
      [{ code: '' }, 'code', 'card_value_missing'],
      [{ code: 'KÄ001234' }, 'code', 'card_code_invalid_characters', { max: 9 }],
      [{ code: 'KK00123456' }, 'code', 'card_code_wrong_length', { max: 9 }],
      [{ code: 'AB1' }, 'code', 'card_code_wrong_length', { max: 9 }],
      [{ type: '' }, 'type', 'card_value_missing'],
      [{ type: 'kultainen' }, 'type', 'card_not_allowed', { allowed: 'personal, community' }],
      [{ organisation: 'ORG-unknown' }, 'organisation', 'card_unknown_organisation'],
      [{ organisation: '' }, 'organisation', 'card_value_missing'],
      [{ issued_on: '' }, 'issued_on', 'card_value_missing'],
      [{ issued_on: '31.2.2024' }, 'issued_on', 'card_bad_date'],
      [{ issued_on: '1.2.24' }, 'issued_on', 'card_bad_date'],
      [{ issued_on: '1.1.2999' }, 'issued_on', 'card_date_in_future'],
      [{ valid_until: '2024/12/31' }, 'valid_until', 'card_bad_date'],
      [{ valid_until: '31.1.2024' }, 'valid_until', 'card_valid_until_before_issued_on'],
      [{ type: 'community' }, 'community_role', 'card_value_missing'],
      [{ community_role: 'worker' }, 'community_role', 'card_community_role_for_personal'],
      [{ type: 'community', community_role: 'boss' }, 'community_role', 'card_not_allowed'],
      [{ status: 'lost' }, 'status', 'card_not_allowed'],
      [{ status: 'ended' }, 'ended_on', 'card_value_missing'],
      [{ ended_on: '1.3.2024' }, 'ended_on', 'card_ended_on_for_active'],
      [{ status: 'withdrawn', ended_on: '1.1.2024' }, 'ended_on', 'card_ended_on_before_issued_on'],
      [{ birth_year: '1899' }, 'birth_year', 'card_number_range', { min: 1900, max: 2024 }],
      // Born after the card was issued.
      [{ birth_year: '2025' }, 'birth_year', 'card_number_range', { min: 1900, max: 2024 }],
      [{ birth_year: 'vuonna 1980' }, 'birth_year', 'card_number_range'],
      [{ postal_code: '33 100' }, 'postal_code', 'card_postal_code'],
      [{ children_count: '21' }, 'children_count', 'card_number_range', { min: 0, max: 20 }],
      [{ mother_tongues: 'fi, klingon' }, 'mother_tongues', 'card_not_allowed'],
      [{ mother_tongues: 'fi, sv, ru, et, ar' }, 'mother_tongues', 'card_too_many', { max: 4 }],
      [{ gender: 'x' }, 'gender', 'card_not_allowed', { allowed: 'woman, man, other, not_given' }],
      [{ life_situation: 'x' }, 'life_situation', 'card_not_allowed'],
      [{ consent_given_on: '1.13.2024' }, 'consent_given_on', 'card_bad_date'],
      [
        { type: 'community', community_role: 'partner' },
        'birth_year',
        'card_partner_no_background',
      ],
    ]
    for (const [overrides, column, reason, params] of cases) {
      const { outcomes } = await importCardLines([cardLine(sourceId, overrides)])
      const problems = outcomes[0] as Array<{ column: string; reason: string; params?: object }>
      const label = JSON.stringify(overrides)
      assert.isArray(problems, label)
      const problem = problems.find((found) => found.column === column && found.reason === reason)
      assert.isDefined(problem, `${label}: ${JSON.stringify(problems)}`)
      if (params) assert.deepInclude(problem!.params ?? {}, params, label)
      // Never the refused value itself.
      for (const value of Object.values(problem!.params ?? {})) {
        assert.notInclude(Object.values(overrides), value, label)
      }
    }
    assert.equal(
      await Card.query()
        .whereNotNull('source_id')
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      0
    )
  })

  test('a code another card holds, held before it was replaced, or reserved by a print run refuses the row', async ({
    assert,
  }) => {
    const { distributor, sourceId } = await distributorWithSourceId()
    const issued = await issueCard(distributor)
    assert.deepEqual(
      (await importCardLines([cardLine(sourceId, { id: 'B1', code: 'KK111111' })])).outcomes,
      ['add']
    )
    const lost = await issueCard(distributor)
    const lostCode = lost.code
    await new CardService().replace(
      lost,
      { codeSource: 'new', revision: lost.revision, submissionKey: randomUUID() },
      distributor
    )
    const { area } = await createArea()
    const run = await readyRun(await createUser('admin'), area, { quantity: 1 })
    const [printedCode] = await codesOf(run)

    const { outcomes } = await importCardLines([
      // A code issued in Kaikukanta.
      cardLine(sourceId, { id: 'B2', code: issued.code }),
      // A code imported under another id.
      cardLine(sourceId, { id: 'B3', code: 'kk111111' }),
      // A lost card's old code.
      cardLine(sourceId, { id: 'B4', code: lostCode }),
      // A code in a box of printed cards.
      cardLine(sourceId, { id: 'B5', code: printedCode }),
      cardLine(sourceId, { id: 'B6', code: 'KK222222' }),
    ])
    assert.deepEqual(outcomes, [
      [{ column: 'code', reason: 'card_code_taken' }],
      [{ column: 'code', reason: 'card_code_taken' }],
      [{ column: 'code', reason: 'card_code_taken' }],
      [{ column: 'code', reason: 'card_code_printed' }],
      'add',
    ])
    assert.lengthOf(await Card.query().where('code', issued.code), 1)
    assert.equal((await cardOf('B1')).code, 'KK111111')
  })

  test('an imported card replaced or stripped of its data in Kaikukanta keeps that on a re-run', async ({
    assert,
  }) => {
    const { distributor, sourceId } = await distributorWithSourceId()
    const lines = [
      cardLine(sourceId, { id: 'C1', code: 'KK333333' }),
      cardLine(sourceId, { id: 'C2', code: 'KK444444' }),
    ]
    await importCardLines(lines)

    // The holder of C1 lost the card: it moved to a new code.
    const lost = await cardOf('C1')
    await new CardService().replace(
      lost,
      { codeSource: 'new', revision: lost.revision, submissionKey: randomUUID() },
      distributor
    )
    assert.isNotNull(await ReplacedCode.findBy('old_code', 'KK333333'))
    // The holder of C2 withdrew their consent: the background data is erased.
    const withdrawn = await cardOf('C2')
    await new CardService().withdrawConsent(
      withdrawn,
      { revision: withdrawn.revision, submissionKey: randomUUID() },
      distributor
    )

    assert.deepEqual((await importCardLines(lines)).outcomes, ['skip', 'skip'])
    // Even with the old register's changes, a withdrawn card stays withdrawn and erased.
    const changed = [
      { ...lines[0], postal_code: '33500' },
      { ...lines[1], valid_until: '30.6.2099', postal_code: '33500' },
    ]
    assert.deepEqual((await importCardLines(changed)).outcomes, ['update', 'skip'])
    const moved = await cardOf('C1')
    assert.notEqual(moved.code, 'KK333333')
    assert.equal(moved.postalCode, '33500')
    const erased = await cardOf('C2')
    assert.equal(erased.status, 'withdrawn')
    assert.equal(erased.validUntil.toISODate(), '2099-12-31')
    assert.isNull(erased.birthYear)
    assert.isNull(erased.postalCode)
    assert.isNull(erased.gender)
  })
})
