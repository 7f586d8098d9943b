import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messagingConfig from '#config/messaging'
import type { StaffMember } from '#core/roles'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { toSqlDateTime, finnishDayOf } from '#core/services/time'
import Campaign, { type Audience } from '#messaging/models/campaign'
import type { Channel } from '#messaging/message_kinds'
import {
  ANNOUNCEMENT_AUDIENCES,
  AUDIENCE_KIND,
  audiencesFor,
  recipientsOf,
  type AudienceChoice,
} from '#messaging/services/audiences'
import { enqueue } from '#messaging/services/outbox'
import { publishedOffersOf } from '#offers/services/offer_catalogue'
import { areaChoices } from '#registry/services/directory'
import { addCount, emptyCounts, type DeliveryCounts } from '#messaging/services/delivery_report'
import { rowsChanged } from '#core/services/rows_changed'

export type CampaignInput = {
  audience: Audience
  offerId?: number
  genreId?: number
  areaId?: number
  bodyFi: string
  bodySv?: string
  bodyEn?: string
  channels: Channel[]
  sendAt: DateTime | null
  submissionKey: string
}

/**
 * Who sends, for the daily limit: an organisation, an area's coordinators
 * together, or the national centre (neither).
 */
export type Sender = { organisationId: number | null; senderAreaId: number | null }

export function senderOf(member: StaffMember): Sender {
  if (member.role === 'admin') return { organisationId: null, senderAreaId: null }
  if (member.role === 'area_coordinator')
    return { organisationId: null, senderAreaId: member.areaId }
  return { organisationId: member.organisationId, senderAreaId: null }
}

/** Checks the area of an announcement: a coordinator's own, any existing one for the national centre. */
async function announcementArea(member: StaffMember, input: Omit<CampaignInput, 'submissionKey'>) {
  if (input.audience === 'all_cardholders') return null
  if (member.role === 'area_coordinator') {
    if (input.areaId && input.areaId !== member.areaId) {
      throw new FieldError('audience', 'messaging.area_not_yours')
    }
    return member.areaId
  }
  const areaId = input.areaId
  const areas = await areaChoices()
  if (!areaId || !areas.some((area) => area.id === areaId)) {
    throw new FieldError('areaId', 'messaging.area_required')
  }
  return areaId
}

/** Checks what only the server can: the audience is the sender's to choose, the offer or the area is theirs. */
export async function checkAudience(
  member: StaffMember,
  input: Omit<CampaignInput, 'submissionKey'>
): Promise<AudienceChoice> {
  if (!audiencesFor(member).includes(input.audience)) {
    throw new FieldError('audience', 'messaging.audience_not_allowed')
  }
  if (ANNOUNCEMENT_AUDIENCES.includes(input.audience)) {
    return {
      audience: input.audience,
      organisationId: null,
      offerId: null,
      genreId: null,
      areaId: await announcementArea(member, input),
    }
  }
  const organisationId = member.organisationId!
  const needsOffer = input.audience === 'visitors_of_offer' || input.audience === 'seats_left'
  if (needsOffer && !input.offerId) throw new FieldError('offerId', 'messaging.offer_required')
  if (input.offerId) {
    const own = await publishedOffersOf(organisationId)
    if (!own.some((offer) => offer.id === input.offerId)) {
      throw new FieldError('offerId', 'messaging.offer_not_yours')
    }
  }
  if (input.audience === 'genre_in_area' && !input.genreId) {
    throw new FieldError('genreId', 'messaging.genre_required')
  }
  return {
    audience: input.audience,
    organisationId,
    offerId: input.offerId ?? null,
    genreId: input.genreId ?? null,
    areaId: null,
  }
}

/** How many holders the message would reach now: the count senders see, never who. */
export async function reachableCount(
  member: StaffMember,
  input: Omit<CampaignInput, 'submissionKey'>,
  now: DateTime = DateTime.now()
) {
  const choice = await checkAudience(member, input)
  const recipients = await recipientsOf(choice, input.channels, finnishDayOf(now))
  return recipients.filter((r) => r.channels.length).length
}

/** The sender's campaigns: an organisation's, an area's coordinators' or the national centre's. */
function bySender(sender: Sender) {
  const query = Campaign.query()
  if (sender.organisationId) return query.where('organisation_id', sender.organisationId)
  query.whereNull('organisation_id')
  return sender.senderAreaId
    ? query.where('sender_area_id', sender.senderAreaId)
    : query.whereNull('sender_area_id')
}

/** Campaigns the sender has created today (Finnish day), for the daily limit. */
async function createdToday(sender: Sender, now: DateTime) {
  const row = await bySender(sender)
    .where('created_at', '>=', toSqlDateTime(finnishDayOf(now)))
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}

/** Queues the campaign's messages once: a second call finds it dispatched and does nothing. */
export async function dispatchCampaign(campaign: Campaign, now: DateTime = DateTime.now()) {
  const taken = await db
    .connection('omakaiku')
    .from('campaigns')
    .where('id', campaign.id)
    .whereNull('dispatched_at')
    .update({ dispatched_at: toSqlDateTime(now) })
  if (!rowsChanged(taken)) return null
  const channels = channelsOf(campaign)
  const recipients = await recipientsOf(
    {
      audience: campaign.audience,
      organisationId: campaign.organisationId,
      offerId: campaign.offerId,
      genreId: campaign.genreId,
      areaId: campaign.areaId,
    },
    channels,
    finnishDayOf(now)
  )
  const queued = await enqueue(
    recipients.map((recipient) => ({
      kind: campaign.kind,
      recipient,
      subject: `campaign:${campaign.id}`,
      params: { campaignId: campaign.id, offerId: campaign.offerId },
      campaignId: campaign.id,
    })),
    now
  )
  await db
    .connection('omakaiku')
    .from('campaigns')
    .where('id', campaign.id)
    .update({ recipients: recipients.length })
  return { recipients: recipients.length, queued }
}

function channelsOf(campaign: Campaign): Channel[] {
  return [
    ...(campaign.byEmail ? ['email' as const] : []),
    ...(campaign.bySms ? ['sms' as const] : []),
  ]
}

/** The scheduled job: campaigns whose time has come are queued. */
export async function dispatchDueCampaigns(now: DateTime) {
  const due = await Campaign.query()
    .whereNull('dispatched_at')
    .where('send_at', '<=', toSqlDateTime(now))
  let dispatched = 0
  let queued = 0
  for (const campaign of due) {
    const outcome = await dispatchCampaign(campaign, now)
    if (!outcome) continue
    dispatched++
    queued += outcome.queued
  }
  return `${dispatched} campaign(s) dispatched, ${queued} message(s) queued`
}

/**
 * Saves a staff message and, when it is to go now, queues it at once. The
 * organisation's daily limit is checked first; the form's one-time key
 * makes a double submit send once.
 */
export async function createCampaign(
  member: StaffMember,
  input: CampaignInput,
  now: DateTime = DateTime.now()
) {
  const campaign = await oncePerSubmission(
    () => Campaign.findBy('submission_key', input.submissionKey),
    async () => {
      const choice = await checkAudience(member, input)
      const sender = senderOf(member)
      if ((await createdToday(sender, now)) >= messagingConfig.dailyCampaigns) {
        const reason = sender.organisationId ? 'daily_limit' : 'daily_limit_announcements'
        throw new FieldError('form', `messaging.${reason}`, {
          limit: messagingConfig.dailyCampaigns,
        })
      }
      if (input.sendAt && input.sendAt <= now)
        throw new FieldError('sendDate', 'messaging.send_at_past')
      return Campaign.create({
        organisationId: sender.organisationId,
        senderAreaId: sender.senderAreaId,
        userId: member.id,
        kind: AUDIENCE_KIND[input.audience],
        audience: input.audience,
        offerId: choice.offerId,
        genreId: choice.genreId,
        areaId: choice.areaId,
        bodyFi: input.bodyFi,
        bodySv: input.bodySv ?? null,
        bodyEn: input.bodyEn ?? null,
        byEmail: input.channels.includes('email'),
        bySms: input.channels.includes('sms'),
        // Lucid writes a DateTime's wall-clock time: stored times are UTC.
        sendAt: (input.sendAt ?? now).toUTC(),
        submissionKey: input.submissionKey,
      })
    }
  )
  if (campaign.sendAt <= now) await dispatchCampaign(campaign, now)
  await campaign.refresh()
  return campaign
}

export type CampaignSummary = { campaign: Campaign; counts: DeliveryCounts }

/** The sender's messages, newest first, with how far each has got. */
export async function campaignsOf(sender: Sender): Promise<CampaignSummary[]> {
  const campaigns = await bySender(sender)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
  if (!campaigns.length) return []
  const rows = await db
    .connection('omakaiku')
    .from('outbox_messages')
    .whereIn(
      'campaign_id',
      campaigns.map((c) => c.id)
    )
    .groupBy('campaign_id', 'status')
    .select('campaign_id', 'status')
    .count('* as total')
  return campaigns.map((campaign) => {
    const counts = emptyCounts()
    for (const row of rows.filter((r: any) => Number(r.campaign_id) === campaign.id)) {
      addCount(counts, row.status, Number(row.total))
    }
    return { campaign, counts }
  })
}
