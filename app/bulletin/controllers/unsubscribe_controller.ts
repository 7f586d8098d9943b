import type { HttpContext } from '@adonisjs/core/http'
import BulletinSetting from '#bulletin/models/bulletin_setting'
import { staffSummary } from '#registry/services/directory'

/**
 * One-click unsubscribe from bulletin e-mail, without signing in. The link
 * is signed with the app key. GET shows a button (mail scanners follow
 * links); POST unsubscribes, also as the RFC 8058 one-click POST that mail
 * programs send, which carries no CSRF token (start/routes/bulletin.ts).
 */
export default class UnsubscribeController {
  async show({ request, params, view, response }: HttpContext) {
    if (!request.hasValidSignature())
      return response.notFound(await view.render('pages/errors/not_found'))
    return view.render('pages/bulletin/unsubscribe', {
      action: request.url(true),
      userId: params.user,
      done: false,
    })
  }

  async store({ request, params, view, response }: HttpContext) {
    if (!request.hasValidSignature())
      return response.notFound(await view.render('pages/errors/not_found'))
    const userId = Number(params.user)
    // A signed link for a user who has since been removed: nothing to change.
    if (!(await staffSummary(userId))) {
      return view.render('pages/bulletin/unsubscribe', { action: null, userId, done: true })
    }
    const setting = await BulletinSetting.findBy('user_id', userId)
    if (setting) {
      setting.emailMode = 'off'
      await setting.save()
    } else {
      await BulletinSetting.create({ userId, emailMode: 'off', locale: 'fi' })
    }
    return view.render('pages/bulletin/unsubscribe', { action: null, userId, done: true })
  }
}
