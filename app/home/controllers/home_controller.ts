import type { HttpContext } from '@adonisjs/core/http'
import { areaContactsFor, lacksThirdSector } from '#registry/services/network_coverage'
import {
  boxOffice,
  coordinatorWork,
  distributorWork,
  nationalCentreWork,
} from '#home/services/todays_work'

/** The signed-in user's start page: today's work for their role (the menu is in the header). */
export default class HomeController {
  async show({ auth, view }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    await user.load('organisation')
    await user.load('area')
    const role = user.role
    return view.render('pages/home', {
      user,
      boxOffice: ['venue', 'ticket_agent'].includes(role) ? await boxOffice(user) : null,
      distributor: role === 'distributor' ? await distributorWork(user) : null,
      coordinator: role === 'area_coordinator' ? await coordinatorWork(user) : null,
      nationalCentre: role === 'admin' ? await nationalCentreWork(user) : null,
      // The operating model requires a third-sector distributor in every area's network.
      noThirdSector:
        role === 'area_coordinator' &&
        user.areaId !== null &&
        (await lacksThirdSector(user.areaId)),
      // Whom an organisation's staff ask about Kaikukortti in their area: the coordinator of their side.
      areaContacts: user.organisation ? await areaContactsFor(user.organisation) : null,
    })
  }
}
