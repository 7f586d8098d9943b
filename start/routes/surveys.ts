import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SurveysController = () => import('#surveys/controllers/surveys_controller')
const SurveyQuestionsController = () => import('#surveys/controllers/survey_questions_controller')
const SurveyStateController = () => import('#surveys/controllers/survey_state_controller')
const SurveyResultsController = () => import('#surveys/controllers/survey_results_controller')
const WellbeingResultsController = () => import('#surveys/controllers/wellbeing_results_controller')
const PartnerAnswersController = () => import('#surveys/controllers/partner_answers_controller')
const PublicSurveysController = () => import('#surveys/controllers/public_surveys_controller')

const number = router.matchers.number()

/* Surveys and wellbeing results: the national centre and area coordinators */
router
  .group(() => {
    router.get('/surveys', [SurveysController, 'index'])
    router.get('/surveys/new', [SurveysController, 'create'])
    router.post('/surveys', [SurveysController, 'store'])
    router.get('/surveys/:id', [SurveysController, 'show']).where('id', number)
    router.get('/surveys/:id/edit', [SurveysController, 'edit']).where('id', number)
    router.post('/surveys/:id', [SurveysController, 'update']).where('id', number)
    router.post('/surveys/:id/questions', [SurveyQuestionsController, 'store']).where('id', number)
    router
      .post('/surveys/:id/questions/:question/delete', [SurveyQuestionsController, 'destroy'])
      .where('id', number)
      .where('question', number)
    router.post('/surveys/:id/open', [SurveyStateController, 'open']).where('id', number)
    router.post('/surveys/:id/close', [SurveyStateController, 'close']).where('id', number)
    router.post('/surveys/:id/remind', [SurveyStateController, 'remind']).where('id', number)
    router.get('/surveys/:id/results', [SurveyResultsController, 'show']).where('id', number)
    router.get('/surveys/:id/results.csv', [SurveyResultsController, 'csv']).where('id', number)
    router.get('/wellbeing', [WellbeingResultsController, 'show'])
    router.get('/wellbeing.csv', [WellbeingResultsController, 'csv'])
  })
  .use([middleware.auth(), middleware.role(['admin', 'area_coordinator'])])

/* Partner surveys to the user's organisation */
router
  .group(() => {
    router.get('/surveys/partner', [PartnerAnswersController, 'index'])
    router.get('/surveys/partner/:id', [PartnerAnswersController, 'show']).where('id', number)
    router.post('/surveys/partner/:id', [PartnerAnswersController, 'store']).where('id', number)
  })
  .use([middleware.auth(), middleware.role(['distributor', 'venue', 'ticket_agent', 'partner'])])

/* An anonymous survey by its link: no sign-in */
router.get('/s/:token', [PublicSurveysController, 'show'])
router.post('/s/:token', [PublicSurveysController, 'store'])
