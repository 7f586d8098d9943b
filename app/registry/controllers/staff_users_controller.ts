import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { keepFiltersInPageLinks } from '#core/services/pagination'
import type User from '#registry/models/user'
import { COORDINATOR_SIDES } from '#registry/models/user'
import { ROLES } from '#core/roles'
import StaffUserPolicy from '#registry/policies/staff_user_policy'
import { staffUserFilterValidator, staffUserValidator } from '#registry/validators/staff_user'
import { scopedAreas, scopedOrganisations, scopedUsers } from '#registry/services/admin_scope'
import {
  COORDINATOR_ASSIGNABLE,
  createStaffUser,
  updateStaffUser,
} from '#registry/services/staff_user_service'
import { unlessRefused } from '#core/services/field_error'
import { optionsOf, recordOptions } from '#core/services/choice_options'
import { pickLocale } from '#core/services/locale'

const PAGE_SIZE = 25

/** Staff user accounts in the administrator's scope. New users get an e-mail to set a password. */
export default class StaffUsersController {
  async index({ request, auth, view, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const [filterErrors, filters] = await staffUserFilterValidator.tryValidate(request.qs())
    const query = scopedUsers(actor).preload('organisation').preload('area').orderBy('full_name')
    if (filters?.q) {
      query.where((match) =>
        match
          .where('full_name', 'like', `%${filters.q}%`)
          .orWhere('email', 'like', `%${filters.q}%`)
      )
    }
    if (filters?.role) query.where('role', filters.role)
    const page = await query.paginate(filters?.page ?? 1, PAGE_SIZE)
    keepFiltersInPageLinks(page, urlFor('users.index'), request.qs())
    return view.render('pages/admin/users/index', {
      page,
      filters: request.qs(),
      filterError: Boolean(filterErrors),
      roleOptions: optionsOf(i18n, 'roles', ROLES),
    })
  }

  async create({ auth, view, i18n }: HttpContext) {
    return view.render('pages/admin/users/form', {
      staffUser: null,
      ...(await this.#options(auth.use('staff').getUserOrFail(), i18n)),
    })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(staffUserValidator)
    const created = await unlessRefused(ctx, urlFor('users.create'), () =>
      createStaffUser(ctx.auth.use('staff').getUserOrFail(), input, pickLocale(ctx.i18n.locale))
    )
    if (!created) return
    ctx.session.flash('success', ctx.i18n.t('admin.user_invited', { email: input.email }))
    return ctx.response.redirect().toRoute('users.index')
  }

  async edit({ params, auth, view, bouncer, i18n }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const staffUser = await scopedUsers(actor)
      .where('id', params.id)
      .preload('organisation')
      .firstOrFail()
    await bouncer.with(StaffUserPolicy).authorize('manage', staffUser)
    return view.render('pages/admin/users/form', {
      staffUser,
      ...(await this.#options(actor, i18n)),
    })
  }

  async update(ctx: HttpContext) {
    const actor = ctx.auth.use('staff').getUserOrFail()
    const staffUser = await scopedUsers(actor)
      .where('id', ctx.params.id)
      .preload('organisation')
      .firstOrFail()
    await ctx.bouncer.with(StaffUserPolicy).authorize('manage', staffUser)
    const input = await ctx.request.validateUsing(staffUserValidator)
    const updated = await unlessRefused(ctx, urlFor('users.edit', { id: staffUser.id }), () =>
      updateStaffUser(actor, staffUser, input)
    )
    if (!updated) return
    ctx.session.flash('success', ctx.i18n.t('admin.saved'))
    return ctx.response.redirect().toRoute('users.index')
  }

  async #options(actor: User, i18n: HttpContext['i18n']) {
    const [organisations, areas] = await Promise.all([
      scopedOrganisations(actor).where('active', true).orderBy('name'),
      scopedAreas(actor).orderBy('name'),
    ])
    const roles = actor.role === 'admin' ? ROLES : COORDINATOR_ASSIGNABLE
    return {
      roleOptions: optionsOf(i18n, 'roles', roles),
      organisationOptions: recordOptions(
        organisations,
        (organisation) =>
          `${organisation.name} (${i18n.t('admin.organisation_type.' + organisation.type)})`
      ),
      areaOptions: recordOptions(areas, (area) => area.name),
      sideOptions: optionsOf(i18n, 'admin.coordinator_side', COORDINATOR_SIDES),
    }
  }
}
