import type { HttpContext } from '@adonisjs/core/http'
import { networkTasks } from '#registry/services/organisation_proposals'
import { areaContactsFor, lacksThirdSector } from '#registry/services/network_coverage'

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
    const coordinatedArea = user.role === 'area_coordinator' ? user.areaId : null
    return view.render('pages/home', {
      user,
      tasks,
      // The operating model requires a third-sector distributor in every area's network.
      noThirdSector: coordinatedArea !== null && (await lacksThirdSector(coordinatedArea)),
      // Whom an organisation's staff ask about Kaikukortti in their area: the coordinator of their side.
      areaContacts: user.organisation ? await areaContactsFor(user.organisation) : null,
    })
  }
}
