import { DateTime } from 'luxon'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import { currentLogger } from '#core/services/request_logger'
import env from '#start/env'
import messagingConfig from '#config/messaging'
import { contactsOf, type HolderContact } from '#omakaiku/services/message_consent'
import Campaign from '#messaging/models/campaign'
import type OutboxMessage from '#messaging/models/outbox_message'
import {
  claim,
  failedOutcome,
  releasedOutcome,
  releaseExpiredClaims,
  sentOutcome,
  skippedOutcome,
  type Outcome,
} from '#messaging/services/outbox'
import { stillConsenting } from '#messaging/services/recipients'
import { messagesNoLongerTrue } from '#messaging/services/message_reasons'
import { renderMessage, type MessageContent } from '#messaging/services/message_content'
import { OutcomeWriter } from '#messaging/services/outcome_writer'
import { Senders } from '#messaging/services/senders'
import { sendEmail } from '#messaging/transports/email_transport'
import { sendSms } from '#messaging/transports/sms_transport'
import { CredentialsError, DeliveryError } from '#messaging/transports/delivery_error'
import { channelPauses, endPause, pauseChannel } from '#messaging/services/channel_pauses'
import type { Channel } from '#messaging/message_kinds'
import { withoutContactDetails } from '#core/services/contact_masking'

/** The signed one-click address that turns off this kind of message for this holder. */
export function unsubscribeUrl(accountId: number, kind: string) {
  return signedUrlFor(
    'messaging.unsubscribe',
    { account: accountId, kind },
    { prefixUrl: env.get('APP_URL') }
  )
}

type Batch = {
  contacts: Map<number, HolderContact>
  consenting: Map<string, Set<number>>
  campaigns: Map<number, Campaign>
  /** Messages whose reason is gone (a card extended, a ticket cancelled), with why. */
  noLongerTrue: Map<number, string>
  /** Channels paused while this batch was being sent, and until when. */
  paused: Map<Channel, DateTime>
  /** Channels whose pause has ended: the first message that goes through forgets it. */
  resuming: Set<Channel>
  /** Words rendered once for all the batch's messages alike (a campaign's thousands). */
  contents: Map<string, MessageContent>
}

/** Everything a batch needs from the database, read once for all its rows. */
async function loadBatch(messages: OutboxMessage[], resuming: Set<Channel>): Promise<Batch> {
  const accountIds = [...new Set(messages.map((m) => m.accountId))]
  const campaignIds = [...new Set(messages.map((m) => m.campaignId).filter((id) => id !== null))]
  const groups = new Map<string, OutboxMessage[]>()
  for (const message of messages) {
    const key = `${message.kind}:${message.channel}`
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)!.push(message)
  }
  const consenting = new Map<string, Set<number>>()
  for (const [key, group] of groups) {
    const { kind, channel } = group[0]
    consenting.set(
      key,
      await stillConsenting([...new Set(group.map((m) => m.accountId))], kind, channel)
    )
  }
  const [contacts, campaigns] = await Promise.all([
    contactsOf(accountIds),
    campaignIds.length ? Campaign.query().whereIn('id', campaignIds) : Promise.resolve([]),
  ])
  const campaignsById = new Map(campaigns.map((c) => [c.id, c]))
  return {
    contacts,
    consenting,
    campaigns: campaignsById,
    noLongerTrue: await messagesNoLongerTrue(messages, new Set(campaignsById.keys())),
    paused: new Map(),
    resuming,
    contents: new Map(),
  }
}

/** The message's words, rendered once for each kind, language, campaign and parameters in the batch. */
function contentOf(message: OutboxMessage, contact: HolderContact, batch: Batch) {
  const key = JSON.stringify([message.kind, contact.locale, message.campaignId, message.params])
  let content = batch.contents.get(key)
  if (!content) {
    const campaign = message.campaignId ? batch.campaigns.get(message.campaignId) : undefined
    content = renderMessage(message.kind, message.params, contact.locale, campaign)
    batch.contents.set(key, content)
  }
  return content
}

/**
 * The provider refused our credentials: the channel pauses for every worker
 * and this message waits, queued, for the pause to end. Logged once per batch.
 */
async function pauseFor(message: OutboxMessage, reason: string, batch: Batch, now: DateTime) {
  let until = batch.paused.get(message.channel)
  if (!until) {
    until = now.plus({ seconds: messagingConfig.channelPauseSeconds })
    batch.paused.set(message.channel, until)
    await pauseChannel(message.channel, reason, now, until)
    currentLogger().error(
      { channel: message.channel, card: message.cardCode, until: until.toISO(), reason },
      'the provider refused our credentials: channel paused'
    )
  }
  return releasedOutcome(message, until, reason)
}

async function deliver(message: OutboxMessage, batch: Batch, now: DateTime): Promise<Outcome> {
  const pausedUntil = batch.paused.get(message.channel)
  if (pausedUntil) return releasedOutcome(message, pausedUntil)
  const contact = batch.contacts.get(message.accountId)
  if (
    !contact ||
    !batch.consenting.get(`${message.kind}:${message.channel}`)?.has(message.accountId)
  ) {
    return skippedOutcome(message, 'no consent for this kind and channel')
  }
  const noLongerTrue = batch.noLongerTrue.get(message.id)
  if (noLongerTrue) {
    currentLogger().info(
      { outboxId: message.id, card: message.cardCode, kind: message.kind, reason: noLongerTrue },
      'message skipped'
    )
    return skippedOutcome(message, noLongerTrue)
  }
  const content = contentOf(message, contact, batch)
  const log = {
    outboxId: message.id,
    card: message.cardCode,
    kind: message.kind,
    channel: message.channel,
  }
  try {
    const providerId =
      message.channel === 'email'
        ? await sendEmail({
            outboxId: message.id,
            // Consent to e-mail is counted only for a holder with an address (message_consent.ts).
            to: contact.email!,
            locale: contact.locale,
            content,
            unsubscribeUrl: unsubscribeUrl(message.accountId, message.kind),
          })
        : await sendSms({
            outboxId: message.id,
            cardCode: message.cardCode,
            to: contact.phone!,
            body: content.sms,
          })
    currentLogger().info(log, 'message sent')
    if (batch.resuming.delete(message.channel)) {
      await endPause(message.channel)
      currentLogger().info(
        { channel: message.channel },
        'channel resumed: the provider took our credentials'
      )
    }
    return sentOutcome(message, providerId, now)
  } catch (error) {
    if (error instanceof CredentialsError) return pauseFor(message, error.message, batch, now)
    const permanent = error instanceof DeliveryError && error.permanent
    const reason = withoutContactDetails((error as Error).message)
    currentLogger().warn({ ...log, attempt: message.attempts, reason }, 'message not sent')
    return failedOutcome(message, reason, permanent, now)
  }
}

type Claimed = { messages: OutboxMessage[]; batch: Batch; now: DateTime }

/** Claims a batch of due messages (none on a paused channel) and reads what sending them needs. */
async function claimBatch(now: DateTime): Promise<Claimed | null> {
  const pauses = await channelPauses()
  const paused = pauses.filter((pause) => pause.until > now).map((pause) => pause.channel)
  const messages = await claim(messagingConfig.batchSize, now, paused)
  if (!messages.length) return null
  const ended = pauses.filter((pause) => !paused.includes(pause.channel))
  return {
    messages,
    batch: await loadBatch(messages, new Set(ended.map((pause) => pause.channel))),
    now,
  }
}

/**
 * Sends a claimed batch, each message once a sender is free; returns when
 * every message has one, with `done` for when every outcome is written.
 * Once `stopping` says so, the messages not yet begun are given back to the
 * queue at once instead of waiting for their lease to end.
 */
async function sendBatch(
  { messages, batch, now }: Claimed,
  senders: Senders,
  stopping: () => boolean
) {
  // Each outcome is written before its sender takes another message: a worker that
  // dies mid-batch leaves only the messages it was sending at that moment to be sent again.
  const outcomes = new OutcomeWriter(now)
  const sending: Promise<void>[] = []
  for (const message of messages) {
    await senders.take()
    const sent = (async () => {
      try {
        const outcome = stopping()
          ? releasedOutcome(message, now)
          : await deliver(message, batch, now)
        await outcomes.write(outcome)
      } finally {
        senders.giveBack()
      }
    })()
    // Its error is thrown from `done`, not as an unhandled rejection while the rest wait for a sender.
    sent.catch(() => {})
    sending.push(sent)
  }
  return { done: Promise.all(sending) }
}

/** Claims one batch of due messages and sends it; returns how many were claimed. */
export async function sendDueBatch(
  now: DateTime = DateTime.now(),
  stopping: () => boolean = () => false
) {
  const claimed = await claimBatch(now)
  if (!claimed) return 0
  const { done } = await sendBatch(claimed, new Senders(messagingConfig.concurrency), stopping)
  await done
  return claimed.messages.length
}

/**
 * Sends due messages until none are left (or `deadline` passes: a batch
 * claimed before it is still sent). Several workers may run this at once
 * on any number of instances.
 */
export async function drainOutbox(
  options: { now?: () => DateTime; deadline?: DateTime; stopping?: () => boolean } = {}
) {
  const clock = options.now ?? (() => DateTime.now())
  const stopping = options.stopping ?? (() => false)
  let failed = false
  const going = () =>
    (!options.deadline || DateTime.now() < options.deadline) && !stopping() && !failed
  await releaseExpiredClaims(clock())
  const senders = new Senders(messagingConfig.concurrency)
  const batches: Promise<unknown>[] = []
  let total = 0
  // A claim's error is thrown where it is awaited, not as an unhandled rejection before.
  const nextBatch = () => {
    const claiming = claimBatch(clock())
    claiming.catch(() => {})
    return claiming
  }
  let next = going() ? nextBatch() : null
  try {
    while (next) {
      const claimed = await next
      if (!claimed) break
      // The next batch is claimed and read while this one is sent: the senders
      // wait neither for the database nor for this batch's slowest message.
      next = going() ? nextBatch() : null
      const { done } = await sendBatch(claimed, senders, stopping)
      // A failed write stops the claiming; the error is thrown below.
      done.catch(() => (failed = true))
      batches.push(done)
      total += claimed.messages.length
    }
  } finally {
    await Promise.allSettled(batches)
  }
  await Promise.all(batches)
  return total
}
