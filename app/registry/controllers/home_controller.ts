import type { HttpContext } from '@adonisjs/core/http'
import { networkTasks } from '#registry/services/organisation_proposals'

/** The signed-in user's start page: what their role can do. */
export default class HomeController {
  async show({ auth, view }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    await user.load('organisation')
    await user.load('area')
    // The national centre and coordinators: proposals waiting and commitments missing.
    const tasks = ['admin', 'area_coordinator'].includes(user.role)
      ? await networkTasks(user)
      : null
    return view.render('pages/home', { user, tasks })
  }
}
