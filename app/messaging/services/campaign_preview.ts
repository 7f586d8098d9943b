import { DateTime } from 'luxon'
import type { Locale } from '#config/i18n'
import { LOCALES } from '#config/i18n'
import Campaign from '#messaging/models/campaign'
import { AUDIENCE_KIND } from '#messaging/services/audiences'
import type { CampaignInput } from '#messaging/services/campaigns'
import { renderMessage, type MessageContent } from '#messaging/services/message_content'
import { smsSize, type SmsSize } from '#messaging/services/sms_segments'

export type LanguagePreview = {
  locale: Locale
  content: MessageContent
  sms: SmsSize
  /** No text was written in this language: holders who chose it get the Finnish one. */
  fallback: boolean
}

/** The message as holders will see it in each language, with the size of its SMS. */
export function previewCampaign(input: Omit<CampaignInput, 'submissionKey'>): LanguagePreview[] {
  const draft = new Campaign().merge({
    kind: AUDIENCE_KIND[input.audience],
    audience: input.audience,
    offerId: input.offerId ?? null,
    bodyFi: input.bodyFi,
    bodySv: input.bodySv ?? null,
    bodyEn: input.bodyEn ?? null,
    sendAt: input.sendAt ?? DateTime.now(),
  })
  return LOCALES.map((locale) => {
    const content = renderMessage(draft.kind, { offerId: draft.offerId }, locale, draft)
    const written = { fi: input.bodyFi, sv: input.bodySv, en: input.bodyEn }[locale]
    return { locale, content, sms: smsSize(content.sms), fallback: !written?.trim() }
  })
}
