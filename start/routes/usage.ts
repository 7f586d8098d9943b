import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RegistrationsController = () => import('#usage/controllers/registrations_controller')
const RostersController = () => import('#usage/controllers/rosters_controller')
const UseChangesController = () => import('#usage/controllers/use_changes_controller')
const InboxController = () => import('#usage/controllers/inbox_controller')
const FeedbackSummariesController = () => import('#usage/controllers/feedback_summaries_controller')
const ClientBookingsController = () => import('#usage/controllers/client_bookings_controller')
const WaitingListsController = () => import('#usage/controllers/waiting_lists_controller')

const number = router.matchers.number()

/* Registering a use: the venue's own staff and ticket agents */
router
  .group(() => {
    router.get('/usage/register', [RegistrationsController, 'create'])
    router.post('/usage', [RegistrationsController, 'store'])
    router
      .post('/usage/waiting-list', [WaitingListsController, 'storeAtBoxOffice'])
      .as('waiting_lists.store_at_box_office')
  })
  .use([middleware.auth(), middleware.role(['venue', 'ticket_agent'])])

/* The venue's view of its uses */
router
  .group(() => {
    router.get('/usage/occurrences/:id', [RostersController, 'show']).where('id', number)
    router.get('/usage/occurrences/:id/export', [RostersController, 'export']).where('id', number)
    router
      .post('/usage/uses/:id/:change', [UseChangesController, 'update'])
      .where('id', number)
      .where('change', /^(cancel|no-show)$/)
    router.get('/usage/inbox', [InboxController, 'index'])
    router.post('/usage/inbox/seen', [InboxController, 'markSeen'])
    router.get('/usage/feedback', [FeedbackSummariesController, 'index'])
    router
      .post('/usage/waiting-list/:id/remove', [WaitingListsController, 'destroy'])
      .where('id', number)
      .as('waiting_lists.destroy')
  })
  .use([middleware.auth(), middleware.role(['venue'])])

/* A distributor books places for its clients */
router
  .group(() => {
    router.get('/bookings', [ClientBookingsController, 'index'])
    router.get('/bookings/new', [ClientBookingsController, 'create'])
    router.post('/bookings', [ClientBookingsController, 'store'])
    router.post('/bookings/:id/cancel', [ClientBookingsController, 'cancel']).where('id', number)
  })
  .use([middleware.auth(), middleware.role(['distributor'])])

/* A distributor puts a card its organisation issued on a full show's waiting list */
router
  .group(() => {
    router
      .get('/cards/:id/waiting-lists', [WaitingListsController, 'createForCard'])
      .where('id', number)
      .as('waiting_lists.create_for_card')
    router
      .post('/cards/:id/waiting-lists', [WaitingListsController, 'storeForCard'])
      .where('id', number)
      .as('waiting_lists.store_for_card')
  })
  .use([middleware.auth(), middleware.role(['distributor'])])
