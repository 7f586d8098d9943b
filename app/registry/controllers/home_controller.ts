import type { HttpContext } from '@adonisjs/core/http'

/** The signed-in user's start page: what their role can do. */
export default class HomeController {
  async show({ auth, view }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    await user.load('organisation')
    await user.load('area')
    return view.render('pages/home', { user })
  }
}
