import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const HomeController = () => import('#home/controllers/home_controller')

// The staff's start page; `/` is the front door for everyone.
router.get('/home', [HomeController, 'show']).use(middleware.auth())
