import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PostsController = () => import('#bulletin/controllers/posts_controller')
const PostWithdrawalsController = () => import('#bulletin/controllers/post_withdrawals_controller')
const RepliesController = () => import('#bulletin/controllers/replies_controller')
const ReadingController = () => import('#bulletin/controllers/reading_controller')
const BulletinSettingsController = () =>
  import('#bulletin/controllers/bulletin_settings_controller')
const UnsubscribeController = () => import('#bulletin/controllers/unsubscribe_controller')

const number = router.matchers.number()

/* The bulletin board: every staff user */
router
  .group(() => {
    router.get('/bulletin', [PostsController, 'index'])
    router.get('/bulletin/new', [PostsController, 'create'])
    router.get('/bulletin/new/audience-fields', [PostsController, 'audienceFields'])
    router.post('/bulletin', [PostsController, 'store'])
    router.get('/bulletin/unread-count', [ReadingController, 'unreadCount'])
    router.post('/bulletin/read-all', [ReadingController, 'markAllRead'])
    router.get('/bulletin/settings', [BulletinSettingsController, 'edit'])
    router.post('/bulletin/settings', [BulletinSettingsController, 'update'])
    router.get('/bulletin/:id', [PostsController, 'show']).where('id', number)
    router.get('/bulletin/:id/edit', [PostsController, 'edit']).where('id', number)
    router.put('/bulletin/:id', [PostsController, 'update']).where('id', number)
    router.get('/bulletin/:id/withdraw', [PostWithdrawalsController, 'edit']).where('id', number)
    router.post('/bulletin/:id/withdraw', [PostWithdrawalsController, 'update']).where('id', number)
    router.post('/bulletin/:id/replies', [RepliesController, 'store']).where('id', number)
  })
  .use(middleware.auth())

/* Unsubscribing from bulletin e-mail by the signed link: no sign-in */
router
  .get('/bulletin/unsubscribe/:user', [UnsubscribeController, 'show'])
  .where('user', number)
  .as('bulletin.unsubscribe')
router
  .post('/bulletin/unsubscribe/:user', [UnsubscribeController, 'store'])
  .where('user', number)
  .as('bulletin.unsubscribe.store')
