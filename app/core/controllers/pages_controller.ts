import type { HttpContext } from '@adonisjs/core/http'

export default class PagesController {
  async accessibility({ view }: HttpContext) {
    return view.render('pages/accessibility')
  }
}
