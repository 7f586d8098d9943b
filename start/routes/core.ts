import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LanguageController = () => import('#core/controllers/language_controller')
const PagesController = () => import('#core/controllers/pages_controller')
const AssetsController = () => import('#core/controllers/assets_controller')

router.get('/assets/htmx.js', [AssetsController, 'htmx']).use(middleware.keepFlash())
router.post('/language', [LanguageController, 'update'])
router.get('/', [PagesController, 'frontDoor']).as('front_door')
router.get('/accessibility', [PagesController, 'accessibility'])
router.get('/privacy', [PagesController, 'privacy'])
