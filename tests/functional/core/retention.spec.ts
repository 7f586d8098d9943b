import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { RetentionKind } from '#config/retention'
import { retentionCutoff } from '#core/services/retention_period'
import { retentionMarkdownTable } from '#core/services/retention_table'
import { toSqlDateTime } from '#core/services/time'
import { cleanUpExpiredRows } from '#messaging/jobs/retention_cleanup'
import PrintRetentionTable from '#messaging/commands/print_retention_table'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createHolder } from '#tests/helpers/holder'
import { tableInDocs } from '#core/services/docs_tables'

/*
| Each kind of row of config/retention.ts: one just past its period is
| removed by the nightly clean-up, one just within it is kept.
*/
const NOW = DateTime.utc().startOf('second')
const registry = () => db.connection('registry')
const omakaiku = () => db.connection('omakaiku')

/** An hour either side of where the kind's period ends. */
const past = (kind: RetentionKind) => retentionCutoff(kind, NOW).minus({ hours: 1 })
const within = (kind: RetentionKind) => retentionCutoff(kind, NOW).plus({ hours: 1 })
const sql = toSqlDateTime

async function ids(connection: ReturnType<typeof registry>, table: string, column = 'id') {
  const rows = await connection.from(table).select(column)
  return rows.map((row) => row[column])
}

async function staffToken(userId: number, expiresAt: DateTime, usedAt: DateTime | null = null) {
  const [id] = await registry()
    .table('password_reset_tokens')
    .insert({
      user_id: userId,
      token_hash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      expires_at: sql(expiresAt),
      used_at: usedAt ? sql(usedAt) : null,
      created_at: sql(NOW.minus({ days: 30 })),
    })
    .returning('id')
  return typeof id === 'object' ? id.id : id
}

async function accountToken(
  accountId: number,
  expiresAt: DateTime,
  usedAt: DateTime | null = null
) {
  const [id] = await omakaiku()
    .table('account_tokens')
    .insert({
      account_id: accountId,
      purpose: 'reset',
      token_hash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      expires_at: sql(expiresAt),
      used_at: usedAt ? sql(usedAt) : null,
      created_at: sql(NOW.minus({ days: 30 })),
    })
    .returning('id')
  return typeof id === 'object' ? id.id : id
}

async function session(connection: ReturnType<typeof registry>, expiresAt: DateTime) {
  const id = randomUUID()
  await connection
    .table('sessions')
    .insert({ id, data: '{}', user_id: null, expires_at: sql(expiresAt) })
  return id
}

async function rateLimit(connection: ReturnType<typeof registry>, expire: DateTime | null) {
  const key = randomUUID()
  await connection
    .table('rate_limits')
    .insert({ key, points: 1, expire: expire?.toMillis() ?? null })
  return key
}

async function outboxMessage(accountId: number, cardCode: string, status: string, at: DateTime) {
  const [id] = await omakaiku()
    .table('outbox_messages')
    .insert({
      idempotency_key: randomUUID(),
      account_id: accountId,
      card_code: cardCode,
      kind: 'card_expiry',
      channel: 'email',
      params: '{}',
      status,
      next_attempt_at: sql(at),
      created_at: sql(at),
      updated_at: sql(at),
    })
    .returning('id')
  return typeof id === 'object' ? id.id : id
}

async function jobRun(startedAt: DateTime) {
  const [id] = await omakaiku()
    .table('job_runs')
    .insert({ job: 'outbox', started_at: sql(startedAt), outcome: 'ok', detail: 'test' })
    .returning('id')
  return typeof id === 'object' ? id.id : id
}

async function anonymousSurvey() {
  const [surveyId] = await registry()
    .table('surveys')
    .insert({
      kind: 'anonymous',
      title: 'Kysely',
      language: 'fi',
      closes_at: sql(NOW),
      submission_key: randomUUID(),
      created_at: sql(NOW),
      updated_at: sql(NOW),
    })
    .returning('id')
  const survey = typeof surveyId === 'object' ? surveyId.id : surveyId
  const [questionId] = await registry()
    .table('survey_questions')
    .insert({ survey_id: survey, position: 1, kind: 'text', text: 'Mitä pidit?' })
    .returning('id')
  return { survey, question: typeof questionId === 'object' ? questionId.id : questionId }
}

async function surveyResponse(
  survey: { survey: number; question: number },
  answeredOn: DateTime,
  organisationId: number | null = null
) {
  const [responseId] = await registry()
    .table('survey_responses')
    .insert({
      survey_id: survey.survey,
      organisation_id: organisationId,
      answered_on: answeredOn.toISODate(),
      submission_key: randomUUID(),
    })
    .returning('id')
  const response = typeof responseId === 'object' ? responseId.id : responseId
  await registry()
    .table('survey_answers')
    .insert({ response_id: response, question_id: survey.question, text: 'Hyvä' })
  return response
}

test.group('Retention: what the nightly clean-up removes', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('staff reset links, staff sessions and registry rate-limit rows', async ({ assert }) => {
    const user = await createUser('distributor')
    const expired = await staffToken(user.id, past('staffResetTokens'))
    const used = await staffToken(user.id, NOW.plus({ hours: 1 }), past('staffResetTokens'))
    const recentlyExpired = await staffToken(user.id, within('staffResetTokens'))
    const recentlyUsed = await staffToken(
      user.id,
      NOW.plus({ hours: 1 }),
      within('staffResetTokens')
    )
    const oldSession = await session(registry(), past('staffSessions'))
    const recentSession = await session(registry(), within('staffSessions'))
    const oldLimit = await rateLimit(registry(), past('staffRateLimits'))
    const recentLimit = await rateLimit(registry(), within('staffRateLimits'))
    const endlessLimit = await rateLimit(registry(), null)

    const detail = await cleanUpExpiredRows(NOW)

    const tokens = await ids(registry(), 'password_reset_tokens')
    assert.notIncludeMembers(tokens, [expired, used])
    assert.includeMembers(tokens, [recentlyExpired, recentlyUsed])
    const sessions = await ids(registry(), 'sessions')
    assert.notInclude(sessions, oldSession)
    assert.include(sessions, recentSession)
    const limits = await ids(registry(), 'rate_limits', 'key')
    assert.notInclude(limits, oldLimit)
    assert.includeMembers(limits, [recentLimit, endlessLimit])
    assert.include(detail, '2 staff reset link(s)')
    assert.include(detail, '1 expired staff session(s)')
    assert.include(detail, '1 staff rate-limit row(s)')
    assert.match(detail, / removed$/)
  })

  test('OmaKaiku links, holder sessions and omakaiku rate-limit rows', async ({ assert }) => {
    const account = await createHolder(await issueCard(await createUser('distributor')))
    const expired = await accountToken(account.id, past('accountTokens'))
    const used = await accountToken(account.id, NOW.plus({ hours: 1 }), past('accountTokens'))
    const recentlyExpired = await accountToken(account.id, within('accountTokens'))
    const recentlyUsed = await accountToken(
      account.id,
      NOW.plus({ hours: 1 }),
      within('accountTokens')
    )
    const oldSession = await session(omakaiku(), past('holderSessions'))
    const recentSession = await session(omakaiku(), within('holderSessions'))
    const oldLimit = await rateLimit(omakaiku(), past('holderRateLimits'))
    const recentLimit = await rateLimit(omakaiku(), within('holderRateLimits'))

    const detail = await cleanUpExpiredRows(NOW)

    const tokens = await ids(omakaiku(), 'account_tokens')
    assert.notIncludeMembers(tokens, [expired, used])
    assert.includeMembers(tokens, [recentlyExpired, recentlyUsed])
    const sessions = await ids(omakaiku(), 'sessions')
    assert.notInclude(sessions, oldSession)
    assert.include(sessions, recentSession)
    const limits = await ids(omakaiku(), 'rate_limits', 'key')
    assert.notInclude(limits, oldLimit)
    assert.include(limits, recentLimit)
    assert.include(detail, '2 account link(s)')
    assert.include(detail, '1 expired holder session(s)')
    assert.include(detail, '1 holder rate-limit row(s)')
  })

  test('finished outbox messages, job runs and ended channel pauses', async ({ assert }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const finished = await Promise.all(
      ['sent', 'delivered', 'skipped', 'dead'].map((status) =>
        outboxMessage(account.id, card.code, status, past('outboxMessages'))
      )
    )
    const recentlySent = await outboxMessage(
      account.id,
      card.code,
      'sent',
      within('outboxMessages')
    )
    const oldButQueued = await outboxMessage(
      account.id,
      card.code,
      'queued',
      past('outboxMessages')
    )
    const oldRun = await jobRun(past('jobRuns'))
    const recentRun = await jobRun(within('jobRuns'))
    await omakaiku()
      .table('channel_pauses')
      .multiInsert([
        {
          channel: 'email',
          paused_at: sql(past('channelPauses').minus({ minutes: 5 })),
          paused_until: sql(past('channelPauses')),
          reason: 'credentials',
        },
        {
          channel: 'sms',
          paused_at: sql(within('channelPauses').minus({ minutes: 5 })),
          paused_until: sql(within('channelPauses')),
          reason: 'credentials',
        },
      ])

    const detail = await cleanUpExpiredRows(NOW)

    const messages = await ids(omakaiku(), 'outbox_messages')
    assert.notIncludeMembers(messages, finished)
    assert.includeMembers(messages, [recentlySent, oldButQueued])
    const runs = await ids(omakaiku(), 'job_runs')
    assert.notInclude(runs, oldRun)
    assert.include(runs, recentRun)
    assert.deepEqual(await ids(omakaiku(), 'channel_pauses', 'channel'), ['sms'])
    assert.include(detail, '4 old message(s)')
    assert.include(detail, '1 ended channel pause(s)')
  })

  test("a long-ended card's background data is erased; the card row stays", async ({ assert }) => {
    const distributor = await createUser('distributor')
    const cutoff = retentionCutoff('cardBackground', NOW).startOf('day')
    const endedLongAgo = await issueCard(distributor)
    const expiredLongAgo = await issueCard(distributor)
    const endedRecently = await issueCard(distributor)
    const active = await issueCard(distributor)
    const day = (value: DateTime) => value.toISODate()
    await registry()
      .from('cards')
      .where('id', endedLongAgo.id)
      .update({
        status: 'ended',
        issued_on: day(cutoff.minus({ years: 1 })),
        valid_until: day(cutoff.plus({ days: 30 })),
        ended_on: day(cutoff.minus({ days: 1 })),
        gender: 'woman',
        mother_tongues: 'fi',
        life_situation: 'retired',
      })
    await registry()
      .from('cards')
      .where('id', expiredLongAgo.id)
      .update({
        issued_on: day(cutoff.minus({ years: 1 })),
        valid_until: day(cutoff.minus({ days: 1 })),
      })
    await registry()
      .from('cards')
      .where('id', endedRecently.id)
      .update({
        status: 'ended',
        issued_on: day(cutoff.minus({ years: 1 })),
        valid_until: day(cutoff.plus({ days: 30 })),
        ended_on: day(cutoff),
      })
    const answersBefore = await registry().from('wellbeing_responses').count('* as n').first()

    const detail = await cleanUpExpiredRows(NOW)

    const cards = await registry()
      .from('cards')
      .whereIn('id', [endedLongAgo.id, expiredLongAgo.id, endedRecently.id, active.id])
      .orderBy('id')
    const erased = {
      birth_year: null,
      postal_code: null,
      children_count: 0,
      mother_tongues: null,
      gender: null,
      life_situation: null,
    }
    const background = (row: Record<string, unknown>) => ({
      birth_year: row.birth_year,
      postal_code: row.postal_code,
      children_count: row.children_count,
      mother_tongues: row.mother_tongues,
      gender: row.gender,
      life_situation: row.life_situation,
    })
    assert.lengthOf(cards, 4, 'no card row is removed')
    assert.deepEqual(background(cards[0]), erased)
    assert.deepEqual(background(cards[1]), erased)
    assert.equal(cards[0].code, endedLongAgo.code)
    assert.equal(cards[0].status, 'ended')
    assert.equal(cards[2].birth_year, 1980)
    assert.equal(cards[2].postal_code, '33100')
    assert.equal(cards[3].birth_year, 1980)
    const answersAfter = await registry().from('wellbeing_responses').count('* as n').first()
    assert.equal(Number(answersAfter.n), Number(answersBefore.n), 'answers are not this rule')
    assert.include(detail, "2 ended card(s)' background data")

    assert.notInclude(await cleanUpExpiredRows(NOW), 'background', 'erased once')
  })

  test('anonymous survey responses; partner responses stay', async ({ assert }) => {
    const survey = await anonymousSurvey()
    const organisation = (await createUser('distributor')).organisationId!
    const cutoff = retentionCutoff('surveyResponses', NOW).startOf('day')
    const old = await surveyResponse(survey, cutoff.minus({ days: 1 }))
    const recent = await surveyResponse(survey, cutoff)
    const partner = await surveyResponse(survey, cutoff.minus({ days: 1 }), organisation)

    const detail = await cleanUpExpiredRows(NOW)

    const responses = await ids(registry(), 'survey_responses')
    assert.notInclude(responses, old)
    assert.includeMembers(responses, [recent, partner])
    const answered = await ids(registry(), 'survey_answers', 'response_id')
    assert.notInclude(answered, old)
    assert.includeMembers(answered, [recent, partner])
    assert.include(detail, '1 anonymous survey response(s)')
  })

  test('nothing past its period: the record says so', async ({ assert }) => {
    await registry().from('sessions').delete()
    await omakaiku().from('sessions').delete()
    const detail = await cleanUpExpiredRows(NOW)
    assert.match(detail, /^(nothing removed|.* removed)$/)
    assert.notMatch(detail, /\b0 /)
  })
})

test.group('Retention: the periods in docs/DATA_PROTECTION.md', (group) => {
  group.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('the table in the docs is the one printed from config/retention.ts', async ({ assert }) => {
    const command = await ace.create(PrintRetentionTable, [])
    await command.exec()
    command.assertSucceeded()
    const printed = command.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.equal(printed, retentionMarkdownTable())
    const inDocs = await tableInDocs(app.makePath('docs/DATA_PROTECTION.md'), 'retention:table')
    assert.isNotNull(inDocs, 'the table is marked in the docs')
    assert.equal(inDocs, printed, 'run `node ace retention:table --write`')
  })
})
