import type { HttpContext } from '@adonisjs/core/http'

export default class PagesController {
  /** `/`: what Kaikukortti is, and the way on for a cardholder, anyone curious and the staff. */
  async frontDoor({ view }: HttpContext) {
    return view.render('pages/front_door')
  }

  /** The privacy notice of Kaikukanta and of OmaKaiku, written from what each really stores. */
  async privacy({ view }: HttpContext) {
    return view.render('pages/privacy')
  }

  async accessibility({ view }: HttpContext) {
    return view.render('pages/accessibility')
  }
}
