import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Account from '#omakaiku/models/account'
import OutboxMessage from '#messaging/models/outbox_message'
import { enqueue } from '#messaging/services/outbox'
import { dispatchedCampaign, optIn } from '#tests/helpers/messaging'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'

/*
| `node ace outbox:work` as its own process, stopped with SIGTERM while a
| slow Twilio holds its batch. Runs outside the per-test transaction (the
| child reads committed rows) and removes every row it made.
*/
const TABLES = ['outbox_messages', 'campaigns', 'notification_settings', 'accounts']
const omakaiku = () => db.connection('omakaiku')

test.group('Messaging: stopping the outbox worker', (group) => {
  let before = new Map<string, number>()
  group.each.setup(async () => {
    fakeSmtp.reset()
    fakeTwilio.reset()
    before = new Map()
    for (const table of TABLES) {
      const key = table === 'notification_settings' ? 'account_id' : 'id'
      const row = await omakaiku().from(table).max(`${key} as id`).first()
      before.set(table, Number(row?.id ?? 0))
    }
    return async () => {
      fakeTwilio.reset()
      await omakaiku()
        .from('notification_genres')
        .where('account_id', '>', before.get('accounts')!)
        .delete()
      for (const table of TABLES) {
        const key = table === 'notification_settings' ? 'account_id' : 'id'
        await omakaiku().from(table).where(key, '>', before.get(table)!).delete()
      }
    }
  })

  test('on SIGTERM the worker sends what is in flight, gives back the rest and exits', async ({
    assert,
  }) => {
    // Outside the quiet hours, whatever the time of the run.
    const now = DateTime.now()
    const recipients = []
    for (let i = 0; i < 60; i++) {
      const account = await Account.create({
        cardCode: `T${randomUUID().slice(0, 8).toUpperCase()}`,
        firstName: 'Aino',
        lastName: 'Worker',
        email: `shutdown-${i}-${randomUUID().slice(0, 6)}@example.fi`,
        phone: `+3584100${String(i).padStart(5, '0')}`,
        municipalityId: 1,
        locale: 'fi',
        password: null,
        activatedAt: DateTime.utc(),
      })
      await optIn(account, ['venueNews'], ['byEmail'])
      recipients.push({
        accountId: account.id,
        cardCode: account.cardCode,
        channels: ['email' as const],
      })
    }
    const campaign = await dispatchedCampaign(now)
    await enqueue(
      recipients.map((recipient) => ({
        kind: 'venue_news' as const,
        recipient,
        subject: `campaign:${campaign.id}`,
        params: { venue: 'Teatteri' },
        campaignId: campaign.id,
      })),
      now.minus({ minutes: 1 })
    )
    const ids = (await OutboxMessage.query().where('campaign_id', campaign.id)).map((row) => row.id)
    // Held up by a slow SMTP server: the first mails take long enough for SIGTERM to land mid-batch.
    let received = 0
    fakeSmtp.onMail = () => received++
    fakeSmtp.delayMs = 1500

    const child = spawn(process.execPath, ['ace', 'outbox:work'], {
      cwd: app.makePath(),
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    )
    // Wait until the worker has claimed its batch.
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      const sending = await omakaiku()
        .from('outbox_messages')
        .whereIn('id', ids)
        .where('status', 'sending')
        .count('* as n')
        .first()
      if (Number(sending?.n) > 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    child.kill('SIGTERM')
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
    ])
    fakeSmtp.onMail = undefined
    fakeSmtp.delayMs = 0
    if (code === 'timeout') child.kill('SIGKILL')
    assert.equal(code, 0, `the worker exits by itself: ${output}`)

    const rows = await OutboxMessage.query().whereIn('id', ids)
    assert.deepEqual(
      rows.filter((row) => row.status === 'sending').map((row) => row.id),
      [],
      'nothing left sending'
    )
    const sent = rows.filter((row) => row.status === 'sent')
    const queued = rows.filter((row) => row.status === 'queued')
    assert.equal(sent.length + queued.length, 60)
    assert.isAbove(queued.length, 0, 'the rest of the batch was given back, not sent after SIGTERM')
    assert.isTrue(queued.every((row) => row.attempts === 0 && row.claimToken === null))
    assert.equal(received, sent.length, 'every mail sent is recorded as sent')
  }).timeout(60_000)
})
