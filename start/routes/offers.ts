import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PublicOffersController = () => import('#offers/controllers/public_offers_controller')
const VenueOffersController = () => import('#offers/controllers/venue_offers_controller')
const OccurrencesController = () => import('#offers/controllers/occurrences_controller')
const VenueRulesController = () => import('#offers/controllers/venue_rules_controller')
const GenresController = () => import('#offers/controllers/genres_controller')

const number = router.matchers.number()

/* Public offer list: no sign-in */
router.get('/offers', [PublicOffersController, 'index'])
router.get('/offers/:id', [PublicOffersController, 'show']).where('id', number)

/* A venue's own offers */
router
  .group(() => {
    router
      .resource('venue/offers', VenueOffersController)
      .except(['destroy'])
      .params({ offers: 'id' })
      .where('id', number)
    router
      .get('/venue/offers/:offerId/occurrences/create', [OccurrencesController, 'create'])
      .where('offerId', number)
    router
      .post('/venue/offers/:offerId/occurrences', [OccurrencesController, 'store'])
      .where('offerId', number)
    router
      .get('/venue/offers/:offerId/occurrences/:id/edit', [OccurrencesController, 'edit'])
      .where('offerId', number)
      .where('id', number)
    router
      .put('/venue/offers/:offerId/occurrences/:id', [OccurrencesController, 'update'])
      .where('offerId', number)
      .where('id', number)
    router
      .get('/venue/offers/:offerId/occurrences/:id/delete', [
        OccurrencesController,
        'confirmDestroy',
      ])
      .where('offerId', number)
      .where('id', number)
    router
      .post('/venue/offers/:offerId/occurrences/:id/delete', [OccurrencesController, 'destroy'])
      .where('offerId', number)
      .where('id', number)
    router.get('/venue/rules', [VenueRulesController, 'edit'])
    router.post('/venue/rules', [VenueRulesController, 'update'])
  })
  .use([middleware.auth(), middleware.role(['venue'])])

/* The genre taxonomy: the national centre */
router
  .resource('genres', GenresController)
  .except(['show', 'destroy'])
  .where('id', number)
  .use('*', [middleware.auth(), middleware.role(['admin'])])
