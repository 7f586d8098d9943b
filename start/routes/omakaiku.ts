import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { HOLDER_PATH } from '#config/session'

const ActivationsController = () => import('#omakaiku/controllers/activations_controller')
const HolderSessionController = () => import('#omakaiku/controllers/holder_session_controller')
const HolderPasswordController = () => import('#omakaiku/controllers/holder_password_controller')
const MyCardController = () => import('#omakaiku/controllers/my_card_controller')
const HolderOffersController = () => import('#omakaiku/controllers/holder_offers_controller')
const MyEventsController = () => import('#omakaiku/controllers/my_events_controller')
const HolderWaitingListsController = () =>
  import('#omakaiku/controllers/holder_waiting_lists_controller')
const FeedbackController = () => import('#omakaiku/controllers/feedback_controller')
const NotesController = () => import('#omakaiku/controllers/notes_controller')
const NotificationSettingsController = () =>
  import('#omakaiku/controllers/notification_settings_controller')
const MyDataController = () => import('#omakaiku/controllers/my_data_controller')
const WellbeingController = () => import('#omakaiku/controllers/wellbeing_controller')
const WebAppController = () => import('#omakaiku/controllers/web_app_controller')
const LanguageController = () => import('#core/controllers/language_controller')

const number = router.matchers.number()

/* A distributor creates the account from the card page, with the holder present (staff session). */
router
  .group(() => {
    router.get('/cards/:id/omakaiku', [ActivationsController, 'create']).where('id', number)
    router.post('/cards/:id/omakaiku', [ActivationsController, 'store']).where('id', number)
    router.post('/cards/:id/omakaiku/resend', [ActivationsController, 'resend']).where('id', number)
    router
      .post('/cards/:id/omakaiku/phone-code', [ActivationsController, 'confirmPhone'])
      .where('id', number)
    router
      .post('/cards/:id/omakaiku/phone-code/new', [ActivationsController, 'resendCode'])
      .where('id', number)
  })
  .use([middleware.auth(), middleware.role(['distributor'])])

/* OmaKaiku: the cardholder's own service, with its own session cookie under HOLDER_PATH. */
router
  .group(() => {
    router.get('/manifest.webmanifest', [WebAppController, 'manifest']).use(middleware.keepFlash())
    router
      .get('/service-worker.js', [WebAppController, 'serviceWorker'])
      .use(middleware.keepFlash())
    router.post('/language', [LanguageController, 'update']).as('omakaiku.language.update')
    router.get('/password/set/:token', [HolderPasswordController, 'edit'])
    router.post('/password/set/:token', [HolderPasswordController, 'update'])
  })
  .prefix(HOLDER_PATH)
  .use(middleware.holder())

router
  .group(() => {
    router
      .get('/', ({ response }) => response.redirect().toRoute('holder_session.create'))
      .as('omakaiku.home')
    router.get('/login', [HolderSessionController, 'create'])
    router.post('/login', [HolderSessionController, 'store'])
    router.get('/password/forgot', [HolderPasswordController, 'forgot'])
    router.post('/password/forgot', [HolderPasswordController, 'sendLink'])
  })
  .prefix(HOLDER_PATH)
  .use(middleware.holder({ signedIn: 'guest' }))

router
  .group(() => {
    router.post('/logout', [HolderSessionController, 'destroy'])
    router.get('/card', [MyCardController, 'show'])
    router.get('/offers', [HolderOffersController, 'index'])
    router.get('/offers/:id', [HolderOffersController, 'show']).where('id', number)
    router.get('/events', [MyEventsController, 'index'])
    router.get('/events/:id/cancel', [MyEventsController, 'confirmCancel']).where('id', number)
    router.post('/events/:id/cancel', [MyEventsController, 'cancel']).where('id', number)
    router.post('/events/:id/confirm', [MyEventsController, 'confirm']).where('id', number)
    router.get('/waiting-lists', [HolderWaitingListsController, 'index'])
    router.post('/waiting-lists', [HolderWaitingListsController, 'store'])
    router
      .post('/waiting-lists/:id/answer', [HolderWaitingListsController, 'answer'])
      .where('id', number)
    router
      .post('/waiting-lists/:id/leave', [HolderWaitingListsController, 'leave'])
      .where('id', number)
    router.get('/history', [MyEventsController, 'history'])
    router.get('/history/:id/feedback', [FeedbackController, 'create']).where('id', number)
    router.post('/history/:id/feedback', [FeedbackController, 'store']).where('id', number)
    router.get('/notes', [NotesController, 'index'])
    router.get('/notes/new', [NotesController, 'create'])
    router.post('/notes', [NotesController, 'store'])
    router.get('/notes/:id/edit', [NotesController, 'edit']).where('id', number)
    router.post('/notes/:id', [NotesController, 'update']).where('id', number)
    router.post('/notes/:id/delete', [NotesController, 'destroy']).where('id', number)
    router.get('/wellbeing', [WellbeingController, 'show'])
    router.post('/wellbeing', [WellbeingController, 'store'])
    router.post('/wellbeing/later', [WellbeingController, 'later'])
    router.get('/settings', [NotificationSettingsController, 'edit'])
    router.post('/settings', [NotificationSettingsController, 'update'])
    router.get('/password', [HolderPasswordController, 'change'])
    router.post('/password', [HolderPasswordController, 'saveChange'])
    router.get('/my-data', [MyDataController, 'show'])
    router.get('/my-data.json', [MyDataController, 'download'])
    router.get('/account/delete', [MyDataController, 'confirmDelete'])
    router.post('/account/delete', [MyDataController, 'deleteAccount'])
    router.get('/consent/withdraw', [MyDataController, 'confirmWithdrawConsent'])
    router.post('/consent/withdraw', [MyDataController, 'withdrawConsent'])
  })
  .prefix(HOLDER_PATH)
  .use(middleware.holder({ signedIn: 'required' }))
