import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionController = () => import('#registry/controllers/session_controller')
const PasswordController = () => import('#registry/controllers/password_controller')
const PasswordResetController = () => import('#registry/controllers/password_reset_controller')
const CardsController = () => import('#registry/controllers/cards_controller')
const CardChangesController = () => import('#registry/controllers/card_changes_controller')

/* Staff sign-in */
router
  .group(() => {
    router.get('/login', [SessionController, 'create'])
    router.post('/login', [SessionController, 'store'])
    router.get('/password/forgot', [PasswordResetController, 'create'])
    router.post('/password/forgot', [PasswordResetController, 'store'])
    router.get('/password/reset/:token', [PasswordResetController, 'edit'])
    router.post('/password/reset/:token', [PasswordResetController, 'update'])
  })
  .use(middleware.guest())

router
  .group(() => {
    router.post('/logout', [SessionController, 'destroy'])
    router.get('/password', [PasswordController, 'edit'])
    router.post('/password', [PasswordController, 'update'])
  })
  .use(middleware.auth())

/* Cards: distributor users, own organisation's cards only */
router
  .group(() => {
    router.get('/cards', [CardsController, 'index'])
    router.get('/cards/new', [CardsController, 'create'])
    router.post('/cards', [CardsController, 'store'])
    router.post('/cards/new/check', [CardsController, 'checkField'])
    router.get('/cards/:id', [CardsController, 'show']).where('id', router.matchers.number())
    router.get('/cards/:id/print', [CardsController, 'print']).where('id', router.matchers.number())
    router
      .get('/cards/:id/:change', [CardChangesController, 'edit'])
      .where('id', router.matchers.number())
      .where('change', /^(extend|end|withdraw|consent|correct|replace)$/)
    router
      .post('/cards/:id/:change', [CardChangesController, 'update'])
      .where('id', router.matchers.number())
      .where('change', /^(extend|end|withdraw|consent|correct|replace)$/)
  })
  .use([middleware.auth(), middleware.role(['distributor'])])

/* Administration: the national centre everywhere, an area coordinator in their own area */
const AreasController = () => import('#registry/controllers/areas_controller')
const MunicipalitiesController = () => import('#registry/controllers/municipalities_controller')
const OrganisationsController = () => import('#registry/controllers/organisations_controller')
const StaffUsersController = () => import('#registry/controllers/staff_users_controller')
const PartnerCardsController = () => import('#registry/controllers/partner_cards_controller')
const PartnerCardChangesController = () =>
  import('#registry/controllers/partner_card_changes_controller')
const AreaPostalCodesController = () => import('#registry/controllers/area_postal_codes_controller')

router
  .group(() => {
    // Forms send updates as POST with ?_method=PUT (method spoofing), so they work without JavaScript.
    const number = router.matchers.number()
    router.resource('areas', AreasController).except(['destroy']).where('id', number)
    router.get('/areas/:id/postal-codes', [AreaPostalCodesController, 'edit']).where('id', number)
    router
      .post('/areas/:id/postal-codes', [AreaPostalCodesController, 'update'])
      .where('id', number)
    router
      .resource('municipalities', MunicipalitiesController)
      .only(['create', 'store', 'edit', 'update'])
      .where('id', number)
    router
      .resource('organisations', OrganisationsController)
      .except(['destroy'])
      .where('id', number)
    router
      .get('/organisations/:id/community-cards/new', [PartnerCardsController, 'create'])
      .where('id', number)
    router
      .post('/organisations/:id/community-cards', [PartnerCardsController, 'store'])
      .where('id', number)
    router
      .get('/organisations/:id/community-cards/:cardId/:change', [
        PartnerCardChangesController,
        'edit',
      ])
      .where('id', number)
      .where('cardId', number)
      .where('change', /^(extend|end)$/)
    router
      .post('/organisations/:id/community-cards/:cardId/:change', [
        PartnerCardChangesController,
        'update',
      ])
      .where('id', number)
      .where('cardId', number)
      .where('change', /^(extend|end)$/)
    router.resource('users', StaffUsersController).except(['show', 'destroy']).where('id', number)
  })
  .use([middleware.auth(), middleware.role(['admin', 'area_coordinator'])])

/* Proposals of organisations: the national centre decides (docs/NETWORK.md) */
const ProposalDecisionsController = () =>
  import('#registry/controllers/proposal_decisions_controller')

router
  .post('/organisations/:id/decision', [ProposalDecisionsController, 'store'])
  .where('id', router.matchers.number())
  .as('proposal_decisions.store')
  .use([middleware.auth(), middleware.role(['admin'])])

/* Print runs: the national centre for every area, a coordinator for their own */
const PrintRunsController = () => import('#registry/controllers/print_runs_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router.get('/print-runs', [PrintRunsController, 'index']).as('print_runs.index')
    router.get('/print-runs/new', [PrintRunsController, 'create']).as('print_runs.create')
    router.post('/print-runs', [PrintRunsController, 'store']).as('print_runs.store')
    router
      .get('/print-runs/:id', [PrintRunsController, 'show'])
      .where('id', number)
      .as('print_runs.show')
    router
      .get('/print-runs/:id/cancel', [PrintRunsController, 'confirmCancel'])
      .where('id', number)
      .as('print_runs.confirm_cancel')
    router
      .post('/print-runs/:id/cancel', [PrintRunsController, 'cancel'])
      .where('id', number)
      .as('print_runs.cancel')
    router
      .get('/print-runs/:id/cards/:layout', [PrintRunsController, 'pdf'])
      .where('id', number)
      .where('layout', /^(card|sheet)$/)
      .as('print_runs.pdf')
    router
      .get('/print-runs/:id/codes.csv', [PrintRunsController, 'csv'])
      .where('id', number)
      .as('print_runs.csv')
  })
  .use([middleware.auth(), middleware.role(['admin', 'area_coordinator'])])

/* A partner organisation's users: their organisation's community cards */
router
  .get('/community-cards', [PartnerCardsController, 'index'])
  .use([middleware.auth(), middleware.role(['partner'])])

/* The public directory of the network: no sign-in */
const NetworkDirectoryController = () =>
  import('#registry/controllers/network_directory_controller')
router.get('/network', [NetworkDirectoryController, 'index']).as('network_directory.index')
router
  .get('/network/:id', [NetworkDirectoryController, 'show'])
  .where('id', router.matchers.number())
  .as('network_directory.show')
