import type { HttpContext } from '@adonisjs/core/http'

export default class PagesController {
  /** `/`: what Kaikukortti is, and the way on for a cardholder, anyone curious and the staff. */
  async frontDoor({ view }: HttpContext) {
    return view.render('pages/front_door')
  }

  async accessibility({ view }: HttpContext) {
    return view.render('pages/accessibility')
  }
}
