import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Municipality from '#registry/models/municipality'
import type User from '#registry/models/user'
import { AREA_STATUSES } from '#registry/models/area'
import MunicipalityPolicy from '#registry/policies/municipality_policy'
import { municipalityValidator } from '#registry/validators/area'
import { scopedAreas, scopedMunicipalities } from '#registry/services/admin_scope'
import { FieldError, refuseField } from '#core/services/field_error'
import { optionsOf, recordOptions } from '#core/services/choice_options'

/** Municipalities of an area: the national centre anywhere, a coordinator in their own area. */
export default class MunicipalitiesController {
  async create({ request, auth, view, i18n }: HttpContext) {
    return view.render('pages/admin/municipalities/form', {
      municipality: null,
      areaId: request.input('areaId'),
      ...(await this.#options(auth.use('staff').getUserOrFail(), i18n)),
    })
  }

  async store(ctx: HttpContext) {
    return this.#save(ctx, new Municipality(), urlFor('municipalities.create'))
  }

  async edit({ params, auth, view, bouncer, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const municipality = await scopedMunicipalities(actor).where('id', params.id).firstOrFail()
    await bouncer.with(MunicipalityPolicy).authorize('manage', municipality)
    return view.render('pages/admin/municipalities/form', {
      municipality,
      areaId: municipality.areaId,
      ...(await this.#options(actor, i18n)),
    })
  }

  async update(ctx: HttpContext) {
    const municipality = await scopedMunicipalities(ctx.auth.use('staff').getUserOrFail())
      .where('id', ctx.params.id)
      .firstOrFail()
    await ctx.bouncer.with(MunicipalityPolicy).authorize('manage', municipality)
    return this.#save(ctx, municipality, urlFor('municipalities.edit', { id: municipality.id }))
  }

  async #save(ctx: HttpContext, municipality: Municipality, backTo: string) {
    const input = await ctx.request.validateUsing(municipalityValidator)
    const area = await scopedAreas(ctx.auth.use('staff').getUserOrFail())
      .where('id', input.areaId)
      .first()
    if (!area)
      return refuseField(ctx, new FieldError('areaId', 'admin.errors.area_outside_scope'), backTo)
    const namesake = await Municipality.query()
      .where('name', input.name)
      .whereNot('id', municipality.id ?? 0)
      .first()
    // A new municipality of the national list outside every area joins this area as it is.
    const joining = namesake && namesake.areaId === null && !municipality.$isPersisted
    if (namesake && !joining) {
      return refuseField(ctx, new FieldError('name', 'admin.errors.name_taken'), backTo)
    }
    if (joining) municipality = namesake
    municipality.merge({ ...input, nameSv: input.nameSv ?? null })
    await municipality.save()
    ctx.session.flash('success', ctx.i18n.t('admin.saved'))
    return ctx.response.redirect().toRoute('areas.show', { id: area.id })
  }

  async #options(actor: User, i18n: HttpContext['i18n']) {
    const areas = await scopedAreas(actor).orderBy('name')
    return {
      areaOptions: recordOptions(areas, (area) => area.name),
      statusOptions: optionsOf(i18n, 'admin.area_status', AREA_STATUSES),
    }
  }
}
