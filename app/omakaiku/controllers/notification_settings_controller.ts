import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { optionsOf } from '#core/services/choice_options'
import { FieldError, refuseField } from '#core/services/field_error'
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '#omakaiku/models/notification_setting'
import {
  notificationChoicesOf,
  saveNotificationChoices,
} from '#omakaiku/services/notification_settings'
import { formatPhone } from '#omakaiku/services/phone_number'
import { notificationSettingsValidator } from '#omakaiku/validators/holder_forms'
import { genreOptions } from '#offers/services/offer_form_options'

/**
 * What the holder wants to receive and how. Off by default; nothing is
 * sent to anyone who has not turned it on here. (Sending is the messaging
 * module's work; this page stores the choices.)
 */
export default class NotificationSettingsController {
  async edit({ auth, view, i18n }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    return view.render('pages/omakaiku/settings', {
      choices: await notificationChoicesOf(account.id),
      phone: account.phone ? formatPhone(account.phone) : '',
      kindOptions: optionsOf(i18n, 'omakaiku.kind', NOTIFICATION_KINDS),
      channelOptions: optionsOf(i18n, 'omakaiku.channel', NOTIFICATION_CHANNELS),
      genreOptions: await genreOptions(i18n.locale),
    })
  }

  async update(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const account = auth.use('holder').getUserOrFail()
    const input = await request.validateUsing(notificationSettingsValidator)
    const channels = input.channels ?? []
    const phone = input.phone ?? null
    const back = urlFor('notification_settings.edit')
    if (input.enabled && !channels.length) {
      return refuseField(ctx, new FieldError('channels', 'omakaiku.choose_channel'), back)
    }
    if (channels.includes('bySms') && !phone) {
      return refuseField(ctx, new FieldError('phone', 'omakaiku.phone_needed_for_sms'), back)
    }
    const genres = await genreOptions(i18n.locale)
    const knownGenres = new Set(genres.map((option) => option.value))
    await saveNotificationChoices(account.id, {
      enabled: Boolean(input.enabled),
      kinds: input.kinds ?? [],
      channels,
      genreIds: (input.genres ?? []).filter((id) => knownGenres.has(id)),
    })
    if (phone !== account.phone) {
      account.phone = phone
      await account.save()
    }
    session.flash('success', i18n.t('omakaiku.settings_saved'))
    return response.redirect(back)
  }
}
