import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RegistrationsController = () => import('#usage/controllers/registrations_controller')
const RostersController = () => import('#usage/controllers/rosters_controller')
const UseChangesController = () => import('#usage/controllers/use_changes_controller')
const InboxController = () => import('#usage/controllers/inbox_controller')
const FeedbackSummariesController = () => import('#usage/controllers/feedback_summaries_controller')
const ClientBookingsController = () => import('#usage/controllers/client_bookings_controller')

const number = router.matchers.number()

/* Registering a use: the venue's own staff and ticket agents */
router
  .group(() => {
    router.get('/usage/register', [RegistrationsController, 'create'])
    router.post('/usage', [RegistrationsController, 'store'])
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
