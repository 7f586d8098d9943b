import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messagingConfig from '#config/messaging'
import { toSqlDateTime } from '#core/services/time'
import OutboxMessage, { type MessageParams } from '#messaging/models/outbox_message'
import type { Channel, MessageKind } from '#messaging/message_kinds'
import type { Recipient } from '#messaging/services/recipients'
import { isQuietTime } from '#messaging/services/quiet_hours'
import { rowsChanged } from '#core/services/rows_changed'

/*
| The outbox: every message to a cardholder is a row here before it is
| sent. Queuing is idempotent (kind + card + subject + channel is unique),
| and a worker claims rows so that no two workers, on any number of app
| instances, send the same row.
*/
export type NewMessage = {
  kind: MessageKind
  recipient: Recipient
  /** What the message is about (a use, a card's end date, a campaign), for its idempotency key. */
  subject: string
  params: MessageParams
  campaignId?: number
  /** Not to be sent before this (a morning reminder waits for the morning). */
  notBefore?: DateTime
}

const omakaiku = () => db.connection('omakaiku')
const INSERT_CHUNK = 500
/** MySQL/MariaDB's ER_LOCK_DEADLOCK. */
const DEADLOCK = 1213

function idempotencyKey(message: NewMessage, channel: string) {
  return `${message.kind}:${message.recipient.cardCode}:${message.subject}:${channel}`
}

/**
 * Queues each message once per consented channel; a message queued before
 * is left as it is. Returns how many were newly queued.
 */
export async function enqueue(messages: NewMessage[], now: DateTime = DateTime.now()) {
  const rows = messages.flatMap((message) =>
    message.recipient.channels.map((channel) => ({
      idempotency_key: idempotencyKey(message, channel),
      account_id: message.recipient.accountId,
      card_code: message.recipient.cardCode,
      kind: message.kind,
      channel,
      campaign_id: message.campaignId ?? null,
      params: JSON.stringify(message.params),
      status: 'queued',
      attempts: 0,
      next_attempt_at: toSqlDateTime(message.notBefore ?? now),
      created_at: toSqlDateTime(now),
      updated_at: toSqlDateTime(now),
    }))
  )
  let queued = 0
  for (let index = 0; index < rows.length; index += INSERT_CHUNK) {
    const chunk = rows.slice(index, index + INSERT_CHUNK)
    // Counted before the insert: what the job did, not how many it looked at.
    const keys = [...new Set(chunk.map((row) => row.idempotency_key))]
    const already = await omakaiku()
      .from('outbox_messages')
      .whereIn('idempotency_key', keys)
      .count('* as total')
      .first()
    await omakaiku()
      .insertQuery()
      .table('outbox_messages')
      .multiInsert(chunk)
      .knexQuery.onConflict('idempotency_key')
      .ignore()
    queued += keys.length - Number(already?.total ?? 0)
  }
  return queued
}

/** Seconds until the next attempt after `attempts` failed ones: doubling, capped, with jitter. */
export function retryDelaySeconds(attempts: number, random = Math.random()) {
  const { retryBaseSeconds, retryMaxSeconds } = messagingConfig
  const ceiling = Math.min(retryMaxSeconds, retryBaseSeconds * 2 ** Math.max(0, attempts - 1))
  // "Equal jitter": at least half the delay, so retries spread out but never come too soon.
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}

/**
 * Rows whose worker vanished mid-send (lease over) become due again. Run
 * once per drain; if it meets another worker's claim in a deadlock, the
 * next drain does it.
 */
export async function releaseExpiredClaims(now: DateTime) {
  try {
    await omakaiku()
      .from('outbox_messages')
      .where('status', 'sending')
      .where('locked_until', '<', toSqlDateTime(now))
      .update({
        status: 'failed',
        claim_token: null,
        last_error: 'interrupted while sending',
        updated_at: toSqlDateTime(now),
      })
  } catch (error) {
    if ((error as { errno?: number }).errno !== DEADLOCK) throw error
  }
}

function dueRows(query: any, now: DateTime, pausedChannels: Channel[]) {
  query
    .from('outbox_messages')
    .select('id')
    .whereIn('status', ['queued', 'failed'])
    .where('next_attempt_at', '<=', toSqlDateTime(now))
  if (pausedChannels.length) query.whereNotIn('channel', pausedChannels)
  // SMS wait through the quiet hours; e-mail goes at any time.
  if (isQuietTime(now)) query.where('channel', 'email')
  return query
}

/**
 * InnoDB may pick a claim or an outcome's update as a deadlock victim under
 * load; the statement was rolled back, so making it again is safe. A short
 * random pause lets the other transaction finish first.
 */
async function withDeadlockRetry(statement: () => Promise<void>, tries = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement()
    } catch (error) {
      if ((error as { errno?: number }).errno !== DEADLOCK || attempt >= tries) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
    }
  }
}

/**
 * Takes up to `limit` due rows for this worker. On MySQL/MariaDB the rows
 * are locked with FOR UPDATE SKIP LOCKED, so a second worker passes over
 * them instead of waiting; SQLite has one writer at a time, and one UPDATE
 * claims the rows there.
 */
export async function claim(
  limit: number,
  now: DateTime = DateTime.now(),
  pausedChannels: Channel[] = []
): Promise<OutboxMessage[]> {
  const token = randomUUID()
  const claimed = {
    status: 'sending',
    claim_token: token,
    locked_until: toSqlDateTime(now.plus({ seconds: messagingConfig.leaseSeconds })),
    updated_at: toSqlDateTime(now),
  }
  const client = omakaiku()
  if (client.dialect.name === 'mysql') {
    // No gap locks: two workers' claims then never wait for each other's index ranges.
    // (Inside an outer transaction, as in tests, the outer one's level stands.)
    const options = client.isTransaction ? undefined : { isolationLevel: 'read committed' as const }
    await withDeadlockRetry(() =>
      client.transaction(async (trx) => {
        const rows = await dueRows(trx.query(), now, pausedChannels)
          .limit(limit)
          .forUpdate()
          .skipLocked()
        if (!rows.length) return
        await trx
          .from('outbox_messages')
          .whereIn(
            'id',
            rows.map((row: { id: number }) => row.id)
          )
          .update(claimed)
          .increment('attempts', 1)
      }, options)
    )
  } else {
    await omakaiku()
      .from('outbox_messages')
      .whereIn('id', dueRows(omakaiku().query(), now, pausedChannels).limit(limit))
      .update(claimed)
      .increment('attempts', 1)
  }
  return OutboxMessage.query().where('claim_token', token).where('status', 'sending')
}

/** What became of a claimed row, for `settle` to write. */
export type Outcome = { message: OutboxMessage; changes: Record<string, ColumnValue> }
type ColumnValue = string | number | null

export function sentOutcome(
  message: OutboxMessage,
  providerMessageId: string | null,
  now: DateTime
): Outcome {
  return {
    message,
    changes: {
      status: 'sent',
      provider_message_id: providerMessageId,
      sent_at: toSqlDateTime(now),
      last_error: null,
    },
  }
}

/** Not sent: the holder no longer consents (or the account is gone), or the message's reason is gone. */
export function skippedOutcome(message: OutboxMessage, reason: string): Outcome {
  return { message, changes: { status: 'skipped', last_error: reason } }
}

/**
 * A claimed row given back unsent (its channel is paused, or the worker is
 * stopping): queued again for `notBefore`, the claim's attempt not counted.
 */
export function releasedOutcome(
  message: OutboxMessage,
  notBefore: DateTime,
  reason: string | null = message.lastError
): Outcome {
  return {
    message,
    changes: {
      status: 'queued',
      attempts: Math.max(0, message.attempts - 1),
      next_attempt_at: toSqlDateTime(notBefore),
      last_error: reason?.slice(0, 500) ?? null,
    },
  }
}

/** A failed attempt: retried later with backoff, or dead when the provider refused for good or attempts ran out. */
export function failedOutcome(
  message: OutboxMessage,
  error: string,
  permanent: boolean,
  now: DateTime
): Outcome {
  const dead = permanent || message.attempts >= messagingConfig.maxAttempts
  return {
    message,
    changes: {
      status: dead ? 'dead' : 'failed',
      last_error: error.slice(0, 500),
      next_attempt_at: toSqlDateTime(
        dead ? now : now.plus({ seconds: retryDelaySeconds(message.attempts) })
      ),
    },
  }
}

/** A column's new value in each row that has one, by id, in one statement. */
function byId(column: string, values: [number, ColumnValue][]) {
  const cases = values.map(([, value]) => (value === null ? 'WHEN ? THEN NULL' : 'WHEN ? THEN ?'))
  const bindings = values.flatMap(([id, value]) => (value === null ? [id] : [id, value]))
  return omakaiku().raw(`CASE id ${cases.join(' ')} ELSE ?? END`, [...bindings, column])
}

/**
 * Records claimed rows' outcomes in one statement, each unless another
 * worker has taken its row since (its lease ran out): a row is written only
 * while it holds the claim it was sent under. Moving rows out of `sending`
 * touches the status index that other workers' claims lock, so InnoDB may
 * pick this update as a deadlock victim: it is rolled back and simply made
 * again.
 */
export async function settle(outcomes: Outcome[], now: DateTime) {
  if (!outcomes.length) return
  const rows = outcomes.map(({ message, changes }) => ({
    id: message.id,
    changes: {
      ...changes,
      claim_token: null,
      locked_until: null,
      updated_at: toSqlDateTime(now),
    } as Record<string, ColumnValue>,
  }))
  const update: Record<string, unknown> = {}
  for (const column of new Set(rows.flatMap((row) => Object.keys(row.changes)))) {
    const values = rows
      .filter((row) => column in row.changes)
      .map((row): [number, ColumnValue] => [row.id, row.changes[column]])
    const same = values.length === rows.length && values.every(([, v]) => v === values[0][1])
    update[column] = same ? values[0][1] : byId(column, values)
  }
  const claims = outcomes.map(({ message }): [number, ColumnValue] => [
    message.id,
    message.claimToken,
  ])
  await withDeadlockRetry(async () => {
    await omakaiku()
      .from('outbox_messages')
      .whereIn(
        'id',
        rows.map((row) => row.id)
      )
      .where('claim_token', byId('claim_token', claims))
      .update(update)
  })
}

/** An admin's retry of a dead message: queued again with a fresh count of attempts. */
export async function retryDead(ids: number[], now: DateTime = DateTime.now()) {
  if (!ids.length) return 0
  const changed = await omakaiku()
    .from('outbox_messages')
    .whereIn('id', ids)
    .where('status', 'dead')
    .update({
      status: 'queued',
      attempts: 0,
      next_attempt_at: toSqlDateTime(now),
      updated_at: toSqlDateTime(now),
    })
  return rowsChanged(changed)
}
