import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import type User from '#registry/models/user'
import Survey from '#surveys/models/survey'
import SurveyQuestion from '#surveys/models/survey_question'
import { today } from '#core/services/time'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** Creates a survey through the form as the given admin or coordinator; returns it. */
export async function createSurveyAs(
  client: ApiClient,
  author: User,
  form: Record<string, unknown> = {}
) {
  const submissionKey = randomUUID()
  await client
    .post(urlFor('surveys.store'))
    .form({
      kind: 'anonymous',
      title: 'Kulttuuri ja arki',
      language: 'fi',
      audience: 'all',
      closesOn: today().plus({ weeks: 2 }).toISODate(),
      submissionKey,
      ...form,
    })
    .header('referer', urlFor('surveys.create'))
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
    .post(urlFor('survey_questions.store', { id: survey.id }))
    .form(form)
    .header('referer', urlFor('surveys.show', { id: survey.id }))
    .withCsrfToken()
    .loginAs(author)
    .redirects(0)
}

/** Opens the survey through its button and returns it as saved. */
export async function openSurveyAs(client: ApiClient, author: User, survey: Survey) {
  await client
    .post(urlFor('survey_state.open', { id: survey.id }))
    .header('referer', urlFor('surveys.show', { id: survey.id }))
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
