import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Area, { AREA_STATUSES } from '#registry/models/area'
import AreaPolicy from '#registry/policies/area_policy'
import { areaValidator } from '#registry/validators/area'
import { scopedAreas } from '#registry/services/admin_scope'
import { FieldError, refuseField } from '#core/services/field_error'
import { optionsOf } from '#core/services/choice_options'
import { formDay } from '#core/services/time'
import { postalCodesOf } from '#registry/services/area_postal_codes'
import {
  areasWithoutThirdSector,
  lacksThirdSector,
  responsiblesOf,
  responsiblesOfArea,
} from '#registry/services/network_coverage'

/** Areas: everyone administering sees their own; only the national centre changes them. */
export default class AreasController {
  async index({ auth, view }: HttpContext) {
    const areas = await scopedAreas(auth.use('staff').getUserOrFail())
      .withCount('municipalities')
      .orderBy('name')
    const ids = areas.map((area) => area.id)
    return view.render('pages/admin/areas/index', {
      areas,
      noThirdSector: await areasWithoutThirdSector(ids),
      responsibles: await responsiblesOf(ids),
    })
  }

  async show({ params, auth, view, bouncer }: HttpContext) {
    const area = await scopedAreas(auth.use('staff').getUserOrFail())
      .where('id', params.id)
      .preload('municipalities', (query) => query.orderBy('name'))
      .firstOrFail()
    await bouncer.with(AreaPolicy).authorize('view', area)
    return view.render('pages/admin/areas/show', {
      area,
      postalCodes: await postalCodesOf(area.id),
      noThirdSector: await lacksThirdSector(area.id),
      responsibles: await responsiblesOfArea(area.id),
    })
  }

  async create({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with(AreaPolicy).authorize('manage')
    return view.render('pages/admin/areas/form', {
      area: null,
      statusOptions: optionsOf(i18n, 'admin.area_status', AREA_STATUSES),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(AreaPolicy).authorize('manage')
    return this.#save(ctx, new Area(), urlFor('areas.create'))
  }

  async edit({ params, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(AreaPolicy).authorize('manage')
    const area = await Area.findOrFail(params.id)
    return view.render('pages/admin/areas/form', {
      area,
      statusOptions: optionsOf(i18n, 'admin.area_status', AREA_STATUSES),
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with(AreaPolicy).authorize('manage')
    const area = await Area.findOrFail(ctx.params.id)
    return this.#save(ctx, area, urlFor('areas.edit', { id: area.id }))
  }

  async #save(ctx: HttpContext, area: Area, backTo: string) {
    const input = await ctx.request.validateUsing(areaValidator)
    const namesake = await Area.query()
      .where('name', input.name)
      .whereNot('id', area.id ?? 0)
      .first()
    if (namesake) return refuseField(ctx, new FieldError('name', 'admin.errors.name_taken'), backTo)
    area.merge({
      name: input.name,
      nameSv: input.nameSv ?? null,
      status: input.status,
      pilotEndsOn:
        input.status === 'pilot' && input.pilotEndsOn ? formDay(input.pilotEndsOn) : null,
    })
    await area.save()
    ctx.session.flash('success', ctx.i18n.t('admin.saved'))
    return ctx.response.redirect().toRoute('areas.show', { id: area.id })
  }
}
