import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DashboardsController = () => import('#stats/controllers/dashboards_controller')
const PublicStatisticsController = () => import('#stats/controllers/public_statistics_controller')

const dashboard = /^(area|distributor|venue)$/

/* Dashboards by role: the policy decides whose numbers each user may see */
router
  .group(() => {
    router.get('/stats', [DashboardsController, 'index'])
    router.get('/stats/report', [DashboardsController, 'report'])
    router
      .get('/stats/:dashboard/export/:file', [DashboardsController, 'export'])
      .where('dashboard', dashboard)
      .where('file', /^[a-z_]+\.(csv|xlsx)$/)
    router
      .get('/stats/:dashboard/:section?', [DashboardsController, 'show'])
      .where('dashboard', dashboard)
  })
  .use([middleware.auth(), middleware.role(['admin', 'area_coordinator', 'distributor', 'venue'])])

/* The national totals: no sign-in */
router.get('/statistics', [PublicStatisticsController, 'show'])
