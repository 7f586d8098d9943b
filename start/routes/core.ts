import router from '@adonisjs/core/services/router'

const LanguageController = () => import('#core/controllers/language_controller')
const PagesController = () => import('#core/controllers/pages_controller')

router.post('/language', [LanguageController, 'update'])
router.get('/', [PagesController, 'frontDoor']).as('front_door')
router.get('/accessibility', [PagesController, 'accessibility'])
router.get('/privacy', [PagesController, 'privacy'])
