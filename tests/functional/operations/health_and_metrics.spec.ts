import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import env from '#start/env'
import OutboxMessage from '#messaging/models/outbox_message'
import JobRun from '#messaging/models/job_run'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createHolder } from '#tests/helpers/holder'
import { generateCardCode } from '#registry/services/card_code'
import { registrationForm } from '#tests/helpers/offer_fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

const TOKEN = 'metrics-token-for-tests-0123456789'

/** A message a worker claimed and never finished: its lease ended long ago. */
async function messageStuckInSending(minutesPastLease: number) {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const account = await createHolder(card)
  return OutboxMessage.create({
    idempotencyKey: `test:${card.code}:stuck:email`,
    accountId: account.id,
    cardCode: card.code,
    kind: 'ticket_reminder',
    channel: 'email',
    params: {},
    status: 'sending',
    attempts: 1,
    nextAttemptAt: DateTime.now().minus({ hours: 1 }),
    claimToken: 'vanished-worker',
    lockedUntil: DateTime.now().minus({ minutes: minutesPastLease }),
  })
}

type Check = { name: string; status: string; message: string; [fact: string]: unknown }
const checkNamed = (checks: Check[], name: string) => checks.find((check) => check.name === name)!

// Load balancers and monitoring hard-code these addresses, so the tests do too.
test.group('Health endpoints', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('/health/live answers 200 with a tiny body', async ({ client, assert }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    assert.deepEqual(response.body(), { status: 'ok' })
  })

  test('/health/ready reports both connections and the outbox facts', async ({
    client,
    assert,
  }) => {
    await JobRun.create({
      job: 'outbox',
      startedAt: DateTime.now().minus({ minutes: 1 }),
      durationMs: 120,
      outcome: 'ok',
    })
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.healthy)
    const checks: Check[] = body.checks
    assert.equal(checkNamed(checks, 'Database health check (registry)').status, 'ok')
    assert.equal(checkNamed(checks, 'Database health check (omakaiku)').status, 'ok')
    const lastRun = checkNamed(checks, 'Outbox job last run')
    assert.equal(lastRun.status, 'ok')
    assert.isString(lastRun.lastRunAt)
    assert.equal(checkNamed(checks, 'Dead outbox messages').dead, 0)
    assert.equal(checkNamed(checks, 'Outbox messages stuck in sending').stuckSending, 0)
    assert.notProperty(body, 'debugInfo', 'no process ids or versions')
  })

  test('/health/ready answers 503 when a message is stuck in sending long after its lease', async ({
    client,
    assert,
  }) => {
    const recent = await messageStuckInSending(2)
    const stillReady = await client.get('/health/ready')
    stillReady.assertStatus(200)

    recent.lockedUntil = DateTime.now().minus({ hours: 1 })
    await recent.save()
    const response = await client.get('/health/ready')
    response.assertStatus(503)
    const body = response.body()
    assert.isFalse(body.healthy)
    const stuck = checkNamed(body.checks, 'Outbox messages stuck in sending')
    assert.equal(stuck.status, 'error')
    assert.equal(stuck.stuckSending, 1)
    assert.notInclude(response.text(), recent.cardCode, 'no card code in the report')
  })
})

test.group('Metrics endpoint', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    const before = env.get('METRICS_TOKEN') ?? ''
    return () => env.set('METRICS_TOKEN', before)
  })

  test('/metrics is not found without a configured token or with a wrong one', async ({
    client,
  }) => {
    env.set('METRICS_TOKEN', '')
    ;(await client.get('/metrics')).assertStatus(404)
    ;(await client.get('/metrics').bearerToken('anything')).assertStatus(404)

    env.set('METRICS_TOKEN', TOKEN)
    ;(await client.get('/metrics')).assertStatus(404)
    ;(await client.get('/metrics').bearerToken(`${TOKEN}x`)).assertStatus(404)
    ;(await client.get('/metrics').header('authorization', TOKEN)).assertStatus(404)
  })

  test('/metrics with the token has requests, outbox states, jobs and refusals', async ({
    client,
    assert,
  }) => {
    env.set('METRICS_TOKEN', TOKEN)
    await messageStuckInSending(1)
    await JobRun.create({
      job: 'card_expiry',
      startedAt: DateTime.now(),
      durationMs: 2500,
      outcome: 'failed',
    })
    await client.get('/health/live')
    const venueUser = await createUser('venue')
    const refused = await client
      .post(urlFor('registrations.store'))
      .form(registrationForm(generateCardCode(), 'occurrence-999999'))
      .withCsrfToken()
      .loginAs(venueUser)
      .redirects(0)
    refused.assertStatus(302)

    const response = await client.get('/metrics').bearerToken(TOKEN)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/plain')
    const text = response.text()
    assert.match(
      text,
      /kaikukanta_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/
    )
    assert.match(text, /kaikukanta_outbox_messages\{state="sending",channel="email"\} 1/)
    assert.match(text, /kaikukanta_job_runs\{job="card_expiry",outcome="failed"\} 1/)
    assert.match(
      text,
      /kaikukanta_job_last_duration_seconds\{job="card_expiry",outcome="failed"\} 2.5/
    )
    assert.match(text, /kaikukanta_registration_refusals_total\{reason="unknown_choice"\} \d+/)
  })
})
