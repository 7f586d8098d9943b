import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CampaignsController = () => import('#messaging/controllers/campaigns_controller')
const DeliveriesController = () => import('#messaging/controllers/deliveries_controller')
const UnsubscribeController = () => import('#messaging/controllers/unsubscribe_controller')
const TwilioWebhooksController = () => import('#messaging/controllers/twilio_webhooks_controller')
const WaitingOffersController = () => import('#messaging/controllers/waiting_offers_controller')

const number = router.matchers.number()

/*
| Venues and distributors write to cardholders who chose to hear from them;
| area coordinators and the national centre send announcements.
*/
router
  .group(() => {
    router.get('/messages', [CampaignsController, 'index'])
    router.get('/messages/new', [CampaignsController, 'create'])
    router.get('/messages/reach', [CampaignsController, 'reach'])
    router.get('/messages/new/audience-fields', [CampaignsController, 'audienceFields'])
    router.post('/messages/preview', [CampaignsController, 'preview'])
    router.post('/messages', [CampaignsController, 'store'])
  })
  .use([middleware.auth(), middleware.role(['venue', 'distributor', 'area_coordinator', 'admin'])])

/* The admin's delivery dashboard and dead letters */
router
  .group(() => {
    router.get('/messaging/deliveries', [DeliveriesController, 'index'])
    router.get('/messaging/dead-letters', [DeliveriesController, 'deadLetters'])
    router.post('/messaging/dead-letters/retry', [DeliveriesController, 'retry'])
  })
  .use([middleware.auth(), middleware.role(['admin'])])

/* A cardholder's one-click unsubscribe from e-mail: signed link, no sign-in (no CSRF token: config/shield.ts) */
router
  .group(() => {
    router
      .get('/oma/unsubscribe/:account/:kind', [UnsubscribeController, 'show'])
      .where('account', number)
      .as('messaging.unsubscribe')
    router
      .post('/oma/unsubscribe/:account/:kind', [UnsubscribeController, 'store'])
      .where('account', number)
      .as('messaging.unsubscribe.store')
  })
  .use(middleware.holder({ signedIn: 'any' }))

/* The answer button of a waiting-list offer's e-mail: signed link, no sign-in (no CSRF token: config/shield.ts) */
router
  .group(() => {
    router
      .get('/oma/waiting-offer/:entry', [WaitingOffersController, 'show'])
      .where('entry', number)
      .as('waiting_offer.show')
    router
      .post('/oma/waiting-offer/:entry', [WaitingOffersController, 'store'])
      .where('entry', number)
      .as('waiting_offer.answer')
  })
  .use(middleware.holder({ signedIn: 'any' }))

/* Twilio: SMS replies and delivery reports, each checked by its signature */
router.post('/webhooks/twilio/inbound', [TwilioWebhooksController, 'inbound'])
router.post('/webhooks/twilio/status', [TwilioWebhooksController, 'status'])
