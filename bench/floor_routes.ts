/*
| The framework floor for bench/usage-registration: what a registration
| costs through the framework alone, to compare POST /usage with.
|
|   POST /bench/floor   the same lock-count-insert as a registration, through
|                       Lucid, behind every middleware a box office POST passes
|                       (session, auth, CSRF, body parser), answering 204
|   POST /bench/empty   the same middleware and nothing else
|
| start/routes.ts loads this file only when BENCH_FLOOR_ROUTES is set, and
| production refuses to boot with that setting (production_settings.ts): the
| bench's server runs in development with production's stores. There Edge
| would compile every template on each render, so this file keeps them
| compiled as production does (the provider's `cache: app.inProduction`),
| and the app's pages are measured as in production.
*/
import edge from 'edge.js'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { middleware } from '#start/kernel'
import Offer from '#offers/models/offer'
import CardUse from '#usage/models/card_use'
import { today } from '#core/services/time'

edge.configure({ cache: true })

router
  .group(() => {
    router.post('/bench/floor', async ({ request, auth, response }) => {
      const user = auth.use('staff').getUserOrFail()
      const code = String(request.input('code'))
      const offerId = Number(request.input('offerId'))
      const occurrenceId = Number(request.input('occurrenceId'))
      await db.connection('registry').transaction(async (trx) => {
        await Offer.query({ client: trx }).where('id', offerId).forUpdate().firstOrFail()
        await trx.from('cards').where('code', code).firstOrFail()
        await trx
          .from('uses')
          .where('occurrence_id', occurrenceId)
          .whereNot('status', 'cancelled')
          .sum('places as total')
          .first()
        await CardUse.create(
          {
            cardCode: code,
            organisationId: user.organisationId!,
            offerId,
            occurrenceId,
            usedOn: today(),
            places: 1,
            childrenCount: 0,
            status: 'registered',
            registeredByUserId: user.id,
            registeredByOrganisationId: user.organisationId!,
            submissionKey: String(request.input('submissionKey')),
          },
          { client: trx }
        )
      })
      return response.noContent()
    })
    router.post('/bench/empty', ({ response }) => response.noContent())
  })
  .use([middleware.auth(), middleware.role(['venue', 'ticket_agent'])])
