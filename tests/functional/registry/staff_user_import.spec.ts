import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import { randomUUID } from 'node:crypto'
import User from '#registry/models/user'
import type Organisation from '#registry/models/organisation'
import { staffUserImport } from '#registry/services/staff_user_import'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { dryRun, failedRun, realRun, table } from '#tests/helpers/import_kinds'

const HEADER = ['id', 'email', 'name', 'role', 'organisation', 'area']

const tag = () => randomUUID().slice(0, 8)

/** An organisation of the old register, already imported (it has a source id). */
async function importedOrganisation(type: Parameters<typeof createOrganisation>[0]) {
  const organisation = await createOrganisation(type)
  organisation.sourceId = `org-${tag()}`
  return organisation.save()
}

const mailsTo = (...addresses: string[]) =>
  fakeSmtp.inbox.filter((mail) => mail.to.some((to) => addresses.includes(to)))

test.group('Import: staff users', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('adds users of each role; each gets one invitation in their language after the commit, and the same file again invites nobody', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const distributor = await importedOrganisation('distributor')
    const venue = await importedOrganisation('venue')
    const t = tag()
    const emails = ['admin', 'alue', 'jakaja', 'kohde'].map((who) => `${who}-${t}@example.fi`)
    const ids = emails.map((_, index) => `user-${t}-${index}`)
    const file = table(
      [...HEADER, 'language', 'salasana'],
      [ids[0], emails[0].toUpperCase(), 'Anna Admin', 'pääkäyttäjä', '', '', '', ''],
      [ids[1], emails[1], 'Aki Alue', 'Koordinaattori', '', area.name.toUpperCase(), 'svenska', ''],
      [ids[2], emails[2], 'Jaana Jakaja', 'jakaja', distributor.sourceId!, '', 'fi', ''],
      [ids[3], emails[3], 'Kalle Kohde', 'venue', venue.sourceId!, '', 'en', '']
    )

    const dry = await dryRun(staffUserImport, file)
    assert.deepInclude(dry, { add: 4, update: 0, skip: 0, refusals: [] })
    assert.lengthOf(mailsTo(...emails), 0)

    const report = await realRun(staffUserImport, file)
    assert.deepInclude(report, { add: 4, update: 0, skip: 0, refusals: [], notices: [] })
    const admin = await User.findByOrFail('source_id', ids[0])
    assert.equal(admin.email, emails[0])
    assert.equal(admin.role, 'admin')
    const coordinator = await User.findByOrFail('source_id', ids[1])
    assert.deepInclude(coordinator.serialize(), { role: 'area_coordinator', areaId: area.id })
    const jakaja = await User.findByOrFail('source_id', ids[2])
    assert.deepInclude(jakaja.serialize(), { role: 'distributor', organisationId: distributor.id })
    assert.equal((await User.findByOrFail('source_id', ids[3])).organisationId, venue.id)

    for (const email of emails) assert.lengthOf(mailsTo(email), 1, email)
    assert.include(mailsTo(emails[0])[0].text, 'Kaikukanta: tunnuksesi on luotu')
    assert.include(mailsTo(emails[1])[0].text, 'Kaikukanta: ditt konto har skapats')
    assert.include(mailsTo(emails[3])[0].text, 'Kaikukanta: your account has been created')

    // The invitation's link sets the user's own password, as for a user added by hand.
    const path = mailsTo(emails[2])[0].text.match(/\/password\/reset\/[A-Za-z0-9_-]+/)![0]
    await client
      .post(path)
      .form({ password: 'my own passphrase', passwordConfirmation: 'my own passphrase' })
      .withCsrfToken()
    assert.isTrue(
      await hash.verify((await User.findOrFail(jakaja.id)).password, 'my own passphrase')
    )

    const again = await realRun(staffUserImport, file)
    assert.deepInclude(again, { add: 0, update: 0, skip: 4, refusals: [] })
    for (const email of emails) assert.lengthOf(mailsTo(email), 1, `${email} again`)
  })

  test('a changed row updates the user and sends nothing', async ({ assert }) => {
    const first = await importedOrganisation('ticket_agent')
    const second = await importedOrganisation('ticket_agent')
    const t = tag()
    const email = `lippu-${t}@example.fi`
    const row = (name: string, address: string, organisation: Organisation) =>
      table(HEADER, [`user-${t}`, address, name, 'lipunmyyjä', organisation.sourceId!, ''])
    await realRun(staffUserImport, row('Lea Lippu', email, first))
    assert.lengthOf(mailsTo(email), 1)

    const renamed = `lea-${t}@example.fi`
    const changed = await realRun(staffUserImport, row('Lea Lipponen', renamed, second))
    assert.deepInclude(changed, { add: 0, update: 1, skip: 0 })
    const user = await User.findByOrFail('source_id', `user-${t}`)
    assert.deepInclude(user.serialize(), {
      fullName: 'Lea Lipponen',
      email: renamed,
      organisationId: second.id,
    })
    assert.lengthOf(mailsTo(email, renamed), 1, 'no second invitation')
  })

  test('each kind of wrong row is refused with its column and reason; a file with one writes and sends nothing', async ({
    assert,
  }) => {
    const { area } = await createArea()
    const distributor = await importedOrganisation('distributor')
    const venue = await importedOrganisation('venue')
    const handMade = await createUser('admin')
    const t = tag()
    const good = `hyva-${t}@example.fi`
    const file = table(
      [...HEADER, 'password'],
      [`u-${t}-ok`, good, 'Hyvä Rivi', 'jakaja', distributor.sourceId!, '', ''],
      [`u-${t}-1`, 'ei-osoite', 'Huono Osoite', 'jakaja', distributor.sourceId!, ''],
      [`u-${t}-2`, handMade.email.toUpperCase(), 'Toinen Henkilö', 'admin', '', ''],
      [`u-${t}-3`, `r-${t}@example.fi`, 'Rooliton', 'kuningas', '', ''],
      [`u-${t}-4`, `o-${t}@example.fi`, 'Orpo', 'kohde', '', ''],
      [`u-${t}-5`, `x-${t}@example.fi`, 'Tuntematon', 'kohde', 'no-such-org', ''],
      [`u-${t}-6`, `m-${t}@example.fi`, 'Väärä Tyyppi', 'kohde', distributor.sourceId!, ''],
      [`u-${t}-7`, `a-${t}@example.fi`, 'Alueeton', 'koordinaattori', '', ''],
      [`u-${t}-8`, `b-${t}@example.fi`, 'Atlantis', 'area_coordinator', '', 'Atlantis'],
      [`u-${t}-9`, `p-${t}@example.fi`, 'Salasanan Kanssa', 'kohde', venue.sourceId!, '', 'x1'],
      [`u-${t}-10`, good, 'Sama Osoite', 'kohde', venue.sourceId!, ''],
      ['', `e-${t}@example.fi`, '', 'kohde', venue.sourceId!, area.name]
    )
    const report = await failedRun(staffUserImport, file)
    const reasons = report.refusals
      .map(({ row, column, reason }) => `${row} ${column} ${reason}`)
      .sort((a, b) => Number.parseInt(a) - Number.parseInt(b))
    assert.deepEqual(reasons, [
      '3 email user_bad_email',
      '4 email user_email_taken',
      '5 role user_unknown_role',
      '6 organisation user_organisation_missing',
      '7 organisation user_unknown_organisation',
      '8 organisation user_role_type_mismatch',
      '9 area user_area_missing',
      '10 area user_unknown_area',
      '11 password user_password_given',
      '12 email twice_in_file',
      '13 id user_value_missing',
      '13 name user_value_missing',
    ])
    const mismatch = report.refusals.find((refusal) => refusal.reason === 'user_role_type_mismatch')
    assert.deepEqual(mismatch!.params, { role: 'venue', type: 'distributor' })
    assert.isNull(await User.findBy('email', good), 'all or nothing')
    assert.lengthOf(mailsTo(good), 0)
  })

  test('an empty password column is ignored', async ({ assert }) => {
    const venue = await importedOrganisation('venue')
    const t = tag()
    const report = await dryRun(
      staffUserImport,
      table(
        [...HEADER, 'hash'],
        [`u-${t}`, `k-${t}@example.fi`, 'Kalle', 'kohde', venue.sourceId!, '', '']
      )
    )
    assert.deepInclude(report, { add: 1, refusals: [] })
  })

  test('when the transaction is rolled back, nobody is added and nobody invited', async ({
    assert,
  }) => {
    const distributor = await importedOrganisation('distributor')
    const t = tag()
    const email = `kesken-${t}@example.fi`
    const file = table(HEADER, [
      `u-${t}`,
      email,
      'Keskeneräinen',
      'jakaja',
      distributor.sourceId!,
      '',
    ])

    const report = await failedRun(staffUserImport, file, { failAfterWrite: true })
    assert.equal(report.add, 1, 'the user was written before the failure')
    assert.isNull(await User.findBy('email', email))
    assert.lengthOf(mailsTo(email), 0)

    // Even handed the rolled-back pass's context, the kind invites nobody: not
    // a user who is not there, nor another who got the same id since.
    await createUser('distributor')
    const before = fakeSmtp.inbox.length
    assert.deepEqual(await staffUserImport.afterCommit!(report.context), [])
    assert.equal(fakeSmtp.inbox.length, before)
  })

  test('an invitation that cannot be sent leaves the user in place and comes back as a notice', async ({
    assert,
  }) => {
    const distributor = await importedOrganisation('distributor')
    const t = tag()
    const [refused, fine] = [`torjuttu-${t}@example.fi`, `perilla-${t}@example.fi`]
    fakeSmtp.refuse(refused)
    try {
      const report = await realRun(
        staffUserImport,
        table(
          HEADER,
          [`u-${t}-1`, refused, 'Torjuttu', 'jakaja', distributor.sourceId!, ''],
          [`u-${t}-2`, fine, 'Perillä', 'jakaja', distributor.sourceId!, '']
        )
      )
      assert.deepEqual(report.notices, [
        { row: 2, column: 'email', reason: 'user_invitation_not_sent' },
      ])
      assert.lengthOf(mailsTo(fine), 1)
    } finally {
      fakeSmtp.reset()
    }
    assert.isNotNull(await User.findBy('email', refused))
  })
})
