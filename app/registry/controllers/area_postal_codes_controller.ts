import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import AreaPolicy from '#registry/policies/area_policy'
import { scopedAreas } from '#registry/services/admin_scope'
import {
  parsePostalCodes,
  postalCodesOf,
  replacePostalCodes,
} from '#registry/services/area_postal_codes'
import { unlessRefused } from '#core/services/field_error'
import { postalCodesValidator } from '#registry/validators/area'

/** The postal codes of an area: its coordinator or the national centre gives them. */
export default class AreaPostalCodesController {
  async edit({ params, auth, view, bouncer }: HttpContext) {
    const area = await scopedAreas(auth.use('staff').getUserOrFail())
      .where('id', params.id)
      .firstOrFail()
    await bouncer.with(AreaPolicy).authorize('editPostalCodes', area)
    const postalCodes = await postalCodesOf(area.id)
    return view.render('pages/admin/areas/postal_codes', {
      area,
      postalCodes: postalCodes.join('\n'),
    })
  }

  async update(ctx: HttpContext) {
    const { params, auth, bouncer, request, session, i18n, response } = ctx
    const area = await scopedAreas(auth.use('staff').getUserOrFail())
      .where('id', params.id)
      .firstOrFail()
    await bouncer.with(AreaPolicy).authorize('editPostalCodes', area)
    const input = await request.validateUsing(postalCodesValidator)
    const saved = await unlessRefused(
      ctx,
      urlFor('area_postal_codes.edit', { id: area.id }),
      async () => {
        await replacePostalCodes(area.id, parsePostalCodes(input.postalCodes ?? ''))
        return true
      }
    )
    if (!saved) return
    session.flash('success', i18n.t('admin.saved'))
    return response.redirect().toRoute('areas.show', { id: area.id })
  }
}
