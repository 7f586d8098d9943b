import router from '@adonisjs/core/services/router'

const LanguageController = () => import('#core/controllers/language_controller')
const PagesController = () => import('#core/controllers/pages_controller')
const AssetsController = () => import('#core/controllers/assets_controller')

router.get('/assets/htmx.js', [AssetsController, 'htmx'])
router.post('/language', [LanguageController, 'update'])
router.get('/accessibility', [PagesController, 'accessibility'])
