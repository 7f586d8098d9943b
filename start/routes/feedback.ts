import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AccessibilityFeedbackController = () =>
  import('#feedback/controllers/accessibility_feedback_controller')
const AdminFeedbackController = () => import('#feedback/controllers/admin_feedback_controller')

/* Accessibility feedback: anyone, without signing in */
router
  .get('/accessibility/feedback', [AccessibilityFeedbackController, 'create'])
  .as('accessibility_feedback.create')
router
  .post('/accessibility/feedback', [AccessibilityFeedbackController, 'store'])
  .as('accessibility_feedback.store')

/* The national centre reads it and marks it answered */
router
  .group(() => {
    router
      .get('/accessibility-feedback', [AdminFeedbackController, 'index'])
      .as('admin_feedback.index')
    router
      .post('/accessibility-feedback/:id/answered', [AdminFeedbackController, 'answer'])
      .where('id', router.matchers.number())
      .as('admin_feedback.answer')
  })
  .use([middleware.auth(), middleware.role(['admin'])])
