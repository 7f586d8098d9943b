import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import { optionsOf, recordOptions } from '#core/services/choice_options'
import { FieldError, unlessRefused } from '#core/services/field_error'
import { ZONE } from '#core/services/time'
import { formatDateTime } from '#core/services/formatting'
import messagingConfig from '#config/messaging'
import { CHANNELS } from '#messaging/message_kinds'
import { ANNOUNCEMENT_AUDIENCES, audiencesFor } from '#messaging/services/audiences'
import {
  campaignsOf,
  checkAudience,
  createCampaign,
  reachableCount,
  senderOf,
  type CampaignInput,
} from '#messaging/services/campaigns'
import { areaChoices } from '#registry/services/directory'
import { previewCampaign } from '#messaging/services/campaign_preview'
import {
  AUDIENCE_FIELDS,
  campaignValidator,
  reachValidator,
  MESSAGE_MAX_LENGTH,
} from '#messaging/validators/campaign'
import { fieldsAnnouncement, needs, onlyWhenHints } from '#core/services/dependent_fields'
import type { I18n } from '@adonisjs/i18n'
import type { StaffMember } from '#core/roles'
import { genreOptions } from '#offers/services/offer_form_options'
import { publishedOffersOf } from '#offers/services/offer_catalogue'
import type { Infer } from '@vinejs/vine/types'

type Validated = Infer<typeof campaignValidator>

/** The chosen send time in Finnish time, or null for "now". */
function sendAtOf(data: Validated) {
  if (data.when !== 'later' || !data.sendDate || !data.sendTime) return null
  const [hour, minute] = data.sendTime.split(/[:.]/).map(Number)
  return DateTime.fromJSDate(data.sendDate, { zone: ZONE }).set({
    hour,
    minute,
    second: 0,
    millisecond: 0,
  })
}

function toInput(data: Validated): CampaignInput {
  // Only the fields the audience needs are in the validated data (AUDIENCE_FIELDS).
  const chosen = data as Partial<Record<keyof typeof AUDIENCE_FIELDS, number>>
  return {
    audience: data.audience,
    offerId: chosen.offerId,
    genreId: chosen.genreId,
    areaId: chosen.areaId,
    bodyFi: data.bodyFi,
    bodySv: data.bodySv ?? undefined,
    bodyEn: data.bodyEn ?? undefined,
    channels: data.channels,
    sendAt: sendAtOf(data),
    submissionKey: data.submissionKey,
  }
}

/** Area names by id, for announcements' audiences. */
async function areaNames(locale: string) {
  const areas = await areaChoices(locale)
  return new Map(areas.map((area) => [area.id, area.name]))
}

/** What the compose form offers the member: audiences, areas, offers, genres, channels. */
async function composeOptions(member: StaffMember, i18n: I18n) {
  const audiences = audiencesFor(member)
  const announces = audiences.some((audience) => ANNOUNCEMENT_AUDIENCES.includes(audience))
  const offers = member.organisationId ? await publishedOffersOf(member.organisationId) : []
  const areas = await areaChoices(i18n.locale)
  const ownArea = areas.find(
    (area) => member.role === 'area_coordinator' && area.id === member.areaId
  )
  const audienceOptions = optionsOf(i18n, 'messaging.audience', audiences)
  return {
    audienceOptions: audienceOptions.map((option) =>
      ownArea
        ? { ...option, label: i18n.t('messaging.own_area_cardholders', { area: ownArea.name }) }
        : option
    ),
    defaultAudience: audienceOptions.length === 1 ? audienceOptions[0].value : null,
    audienceFields: AUDIENCE_FIELDS,
    onlyWhen: onlyWhenHints(
      i18n,
      AUDIENCE_FIELDS,
      i18n.t('messaging.audience_legend'),
      audienceOptions
    ),
    announces,
    areaOptions: member.role === 'admin' ? recordOptions(areas, (area) => area.name) : [],
    offerOptions: recordOptions(offers, (offer) => offer.title),
    genreOptions: member.role === 'venue' ? await genreOptions(i18n.locale) : [],
    channelOptions: optionsOf(i18n, 'messaging.channel', CHANNELS),
    whenOptions: optionsOf(i18n, 'messaging.when', ['now', 'later']),
  }
}

/**
 * Messages to cardholders who chose to get them, from a venue or a
 * distributor, and announcements from an area's coordinator (their area's
 * holders) or the national centre (one area's or everyone): write, preview
 * in each language with the count of holders reached, send now or at a set
 * time. Senders never see who the holders are.
 */
export default class CampaignsController {
  async index({ auth, view, i18n }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    return view.render('pages/messaging/index', {
      // A coordinator without an area sends nothing, and sees nothing (not the national centre's).
      campaigns: audiencesFor(member).length ? await campaignsOf(senderOf(member)) : [],
      areaNames: await areaNames(i18n.locale),
      dailyLimit: messagingConfig.dailyCampaigns,
    })
  }

  async create({ auth, view, i18n, session }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    let preview = null
    if (session.flashMessages.get('previewReady')) {
      const [, data] = await campaignValidator.tryValidate(session.flashMessages.all())
      if (data) {
        const input = toInput(data)
        preview = {
          count: await reachableCount(member, input),
          languages: previewCampaign(input),
        }
      }
    }
    return view.render('pages/messaging/compose', {
      ...(await composeOptions(member, i18n)),
      fragment: false,
      values: {},
      submissionKey: randomUUID(),
      maxLength: MESSAGE_MAX_LENGTH,
      preview,
    })
  }

  /** The fields the chosen audience needs, for htmx to swap in as the audience changes. */
  async audienceFields({ auth, request, view, i18n }: HttpContext) {
    const options = await composeOptions(auth.use('staff').getUserOrFail(), i18n)
    const values = request.qs()
    const chosen = String(values.audience ?? '')
    const shown = [
      options.areaOptions.length &&
      options.onlyWhen.areaId &&
      needs(AUDIENCE_FIELDS, 'areaId', chosen)
        ? i18n.t('messaging.area_label')
        : null,
      options.genreOptions.length &&
      options.onlyWhen.genreId &&
      needs(AUDIENCE_FIELDS, 'genreId', chosen)
        ? i18n.t('messaging.genre_label')
        : null,
    ].filter((label): label is string => label !== null)
    return view.render('pages/messaging/_audience_fields', {
      ...options,
      fragment: true,
      chosenAudience: chosen,
      values,
      announcement: fieldsAnnouncement(i18n, shown),
    })
  }

  /** "How many would it reach?": the count beside the form (htmx), never who. */
  async reach({ auth, request, view }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    const [errors, data] = await reachValidator.tryValidate(request.qs())
    let count: number | null = null
    if (!errors) {
      try {
        count = await reachableCount(member, { ...data, bodyFi: '', sendAt: null })
      } catch (error) {
        if (!(error instanceof FieldError)) throw error
      }
    }
    return view.render('pages/messaging/_reach', { count })
  }

  /** Checks the form and shows it again with the preview and the count. */
  async preview(ctx: HttpContext) {
    const { request, auth, session, response } = ctx
    const input = toInput(await request.validateUsing(campaignValidator))
    const member = auth.use('staff').getUserOrFail()
    // Only the checks here: the page the preview redirects to counts the holders reached.
    const checked = await unlessRefused(ctx, urlFor('campaigns.create'), async () => {
      await checkAudience(member, input)
      return true
    })
    if (!checked) return
    session.flashAll()
    session.flash('previewReady', true)
    return response.redirect().toPath(`${urlFor('campaigns.create')}#preview`)
  }

  async store(ctx: HttpContext) {
    const { request, auth, session, response, i18n } = ctx
    const input = toInput(await request.validateUsing(campaignValidator))
    const member = auth.use('staff').getUserOrFail()
    const campaign = await unlessRefused(ctx, urlFor('campaigns.create'), () =>
      createCampaign(member, input)
    )
    if (!campaign) return
    session.flash(
      'success',
      campaign.dispatchedAt
        ? i18n.t('messaging.sent_flash', { count: campaign.recipients ?? 0 })
        : i18n.t('messaging.scheduled_flash', {
            time: formatDateTime(campaign.sendAt, i18n.locale),
          })
    )
    return response.redirect().toRoute('campaigns.index')
  }
}
