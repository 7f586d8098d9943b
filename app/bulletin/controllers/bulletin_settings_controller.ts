import type { HttpContext } from '@adonisjs/core/http'
import BulletinSetting, { DEFAULT_EMAIL_MODE, EMAIL_MODES } from '#bulletin/models/bulletin_setting'
import { settingsValidator } from '#bulletin/validators/post'
import { optionsOf } from '#core/services/choice_options'

/** Each staff user chooses bulletin e-mail: at once, a daily digest, or none; in their language. */
export default class BulletinSettingsController {
  async edit({ auth, view, i18n }: HttpContext) {
    const setting = await BulletinSetting.findBy('user_id', auth.use('staff').getUserOrFail().id)
    return view.render('pages/bulletin/settings', {
      emailMode: setting?.emailMode ?? DEFAULT_EMAIL_MODE,
      modeOptions: optionsOf(i18n, 'bulletin.email_mode', EMAIL_MODES),
    })
  }

  async update({ auth, request, response, session, i18n }: HttpContext) {
    const { emailMode } = await request.validateUsing(settingsValidator)
    await BulletinSetting.updateOrCreate(
      { userId: auth.use('staff').getUserOrFail().id },
      { emailMode, locale: i18n.locale }
    )
    session.flash('success', i18n.t('bulletin.settings_saved_flash'))
    return response.redirect().toRoute('bulletin_settings.edit')
  }
}
