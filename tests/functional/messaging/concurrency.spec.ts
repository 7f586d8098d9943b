import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import lock from '@adonisjs/lock/services/main'
import Account from '#omakaiku/models/account'
import OutboxMessage from '#messaging/models/outbox_message'
import JobRun from '#messaging/models/job_run'
import { enqueue } from '#messaging/services/outbox'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { runJob } from '#messaging/services/job_runner'
import { dispatchedCampaign, optIn, mailedOutboxIds } from '#tests/helpers/messaging'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { ZONE } from '#core/services/time'

/*
| Workers racing for one outbox. These tests run outside the per-test
| transaction, so each worker takes its own connections and transactions
| as separate app instances would (on MariaDB the claim uses FOR UPDATE
| SKIP LOCKED). They remove every row they made.
*/
const TABLES = [
  'outbox_messages',
  'campaigns',
  'notification_genres',
  'notification_settings',
  'accounts',
  'job_runs',
]
const omakaiku = () => db.connection('omakaiku')

const noon = () => DateTime.now().setZone(ZONE).startOf('day').plus({ days: 1 }).set({ hour: 12 })

test.group('Messaging: several workers on one outbox', (group) => {
  let before = new Map<string, number>()
  group.each.setup(async () => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
    before = new Map()
    for (const table of TABLES) {
      const key = ['notification_settings', 'notification_genres'].includes(table)
        ? 'account_id'
        : 'id'
      const row = await omakaiku().from(table).max(`${key} as id`).first()
      before.set(table, Number(row?.id ?? 0))
    }
  })
  group.each.teardown(async () => {
    for (const table of TABLES) {
      const key = ['notification_settings', 'notification_genres'].includes(table)
        ? 'account_id'
        : 'id'
      await omakaiku().from(table).where(key, '>', before.get(table)!).delete()
    }
    await omakaiku().from('locks').delete()
  })

  test('two workers draining one outbox send each of 120 messages exactly once', async ({
    assert,
  }) => {
    const recipients = []
    for (let i = 0; i < 60; i++) {
      const account = await Account.create({
        cardCode: `W${String(i).padStart(2, '0')}${randomUUID().slice(0, 6).toUpperCase()}`.slice(
          0,
          9
        ),
        firstName: 'Aino',
        lastName: 'Worker',
        email: `worker-${i}-${randomUUID().slice(0, 6)}@example.fi`,
        phone: `+3584000${String(i).padStart(5, '0')}`,
        municipalityId: 1,
        locale: 'fi',
        password: null,
        activatedAt: DateTime.utc(),
      })
      await optIn(account, ['venueNews'], ['byEmail', 'bySms'])
      recipients.push({
        accountId: account.id,
        cardCode: account.cardCode,
        channels: ['email', 'sms'] as ('email' | 'sms')[],
      })
    }
    // A staff message: it holds while its campaign exists, with no registry rows behind it.
    const campaign = await dispatchedCampaign(noon())
    await enqueue(
      recipients.map((recipient) => ({
        kind: 'venue_news' as const,
        recipient,
        subject: `campaign:${campaign.id}`,
        params: { venue: 'Teatteri' },
        campaignId: campaign.id,
      })),
      noon()
    )

    const [first, second] = await Promise.all([
      drainOutbox({ now: noon }),
      drainOutbox({ now: noon }),
    ])

    assert.equal(first + second, 120, 'between them the workers handled every row')
    const mailed = mailedOutboxIds()
    assert.lengthOf(mailed, 60)
    assert.lengthOf(new Set(mailed), 60, 'no e-mail sent twice')
    const texted = fakeTwilio.sent.map((sms) => sms.to)
    assert.lengthOf(texted, 60)
    assert.lengthOf(new Set(texted), 60, 'no SMS sent twice')
    const rows = await OutboxMessage.query().where('id', '>', before.get('outbox_messages')!)
    assert.isTrue(rows.every((row) => row.status === 'sent' && row.attempts === 1))
  })

  test('a scheduled job that another instance is running is skipped, then runs once it is free', async ({
    assert,
  }) => {
    const elsewhere = lock.createLock('job:cleanup', '1m')
    assert.isTrue(await elsewhere.acquireImmediately())
    assert.isNull(await runJob('cleanup', noon()), 'skipped while held elsewhere')
    await elsewhere.release()
    const run = await runJob('cleanup', noon())
    assert.equal(run?.outcome, 'ok')
    assert.isNotNull(run?.durationMs)
    const runs = await JobRun.query()
      .where('job', 'cleanup')
      .where('id', '>', before.get('job_runs')!)
    assert.lengthOf(runs, 1, 'the skipped start left no run behind')
  })

  test('the lock store on the database keeps a job to one instance until released', async ({
    assert,
  }) => {
    const first = lock.use('database').createLock('job:test', '1m')
    const second = lock.use('database').createLock('job:test', '1m')
    assert.isTrue(await first.acquireImmediately())
    assert.isFalse(await second.acquireImmediately(), 'another instance cannot take it')
    await first.release()
    assert.isTrue(await second.acquireImmediately())
    await second.release()
  })
})
