/*
| Each module keeps its own routes file under start/routes/.
*/
import '#start/routes/core'
import '#start/routes/registry'
import '#start/routes/offers'
import '#start/routes/usage'
import '#start/routes/bulletin'
import '#start/routes/omakaiku'
import '#start/routes/messaging'
import '#start/routes/surveys'
import '#start/routes/imports'
import '#start/routes/stats'
import '#start/routes/operations'
import '#start/routes/feedback'
import '#start/routes/home'

/*
| bench/usage-registration's framework floor, only when BENCH_FLOOR_ROUTES is
| set: production refuses that setting at boot, and the built app has no
| bench/ folder. The address is built, so the build does not take the file in.
*/
import env from '#start/env'
const floorRoutes: string = new URL('../bench/floor_routes.js', import.meta.url).href
if (env.get('BENCH_FLOOR_ROUTES')) await import(floorRoutes)

/*
| Unknown addresses go through the same middleware as real pages, so the
| "page not found" page has the user's language, sign-in state and layout.
*/
import router from '@adonisjs/core/services/router'
import { notFoundPage } from '#core/exceptions/handler'
router
  .any('*', async ({ request, response, view }) =>
    response.notFound(await view.render(notFoundPage(request.url())))
  )
  .as('not_found')
