import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import type User from '#registry/models/user'
import Survey from '#surveys/models/survey'
import SurveyQuestion from '#surveys/models/survey_question'
import { today } from '#core/services/time'

/** Creates a survey through the form as the given admin or coordinator; returns it. */
export async function createSurveyAs(
  client: ApiClient,
  author: User,
  form: Record<string, unknown> = {}
) {
  const submissionKey = randomUUID()
  await client
    .post('/surveys')
    .form({
      kind: 'anonymous',
      title: 'Kulttuuri ja arki',
      language: 'fi',
      audience: 'all',
      closesOn: today().plus({ weeks: 2 }).toISODate(),
      submissionKey,
      ...form,
    })
    .header('referer', '/surveys/new')
    .withCsrfToken()
    .loginAs(author)
    .redirects(0)
  return Survey.findByOrFail('submission_key', submissionKey)
}

/** Adds a question through the form. */
export function addQuestionAs(
  client: ApiClient,
  author: User,
  survey: Survey,
  form: Record<string, unknown>
) {
  return client
    .post(`/surveys/${survey.id}/questions`)
    .form(form)
    .header('referer', `/surveys/${survey.id}`)
    .withCsrfToken()
    .loginAs(author)
    .redirects(0)
}

/** Opens the survey through its button and returns it as saved. */
export async function openSurveyAs(client: ApiClient, author: User, survey: Survey) {
  await client
    .post(`/surveys/${survey.id}/open`)
    .header('referer', `/surveys/${survey.id}`)
    .withCsrfToken()
    .loginAs(author)
    .redirects(0)
  await survey.refresh()
  return survey
}

/** The questions in order, for building answer forms by field name. */
export async function questionFields(survey: Survey) {
  const questions = await SurveyQuestion.query().where('survey_id', survey.id).orderBy('position')
  return questions.map((question) => question.field)
}
