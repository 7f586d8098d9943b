import router from '@adonisjs/core/services/router'

const HealthController = () => import('#operations/controllers/health_controller')
const MetricsController = () => import('#operations/controllers/metrics_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])
router.get('/metrics', [MetricsController, 'show'])
