import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import {
  anonymousSurveyByLink,
  answerAnonymously,
  questionsOf,
  MAX_TEXT,
} from '#surveys/services/survey_answering'
import { unlessAnswersRefused } from '#surveys/services/answer_refusal'
import { FieldError } from '#core/services/field_error'

/*
| An anonymous survey by its link, without signing in. The browser keeps a
| cookie of the surveys it has answered (nothing else identifies anyone),
| so a second answer from the same browser is refused.
*/
const ANSWERED_COOKIE = 'answered-surveys'

function answeredHere(request: HttpContext['request']): number[] {
  const value = request.encryptedCookie(ANSWERED_COOKIE)
  return Array.isArray(value) ? value.filter((id) => typeof id === 'number') : []
}

export default class PublicSurveysController {
  async show({ params, request, response, view }: HttpContext) {
    const survey = await anonymousSurveyByLink(params.token)
    if (!survey?.openedAt) return response.notFound(await view.render('pages/errors/not_found'))
    const state = survey.stateAt(DateTime.utc())
    if (state !== 'open' || answeredHere(request).includes(survey.id)) {
      return view.render('pages/surveys/public_done', {
        survey,
        reason: state !== 'open' ? 'closed' : 'answered',
      })
    }
    return view.render('pages/surveys/answer', {
      survey,
      questions: await questionsOf(survey),
      action: urlFor('public_surveys.store', { token: survey.linkToken! }),
      submissionKey: randomUUID(),
      maxText: MAX_TEXT,
      anonymous: true,
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, view, session, i18n } = ctx
    const survey = await anonymousSurveyByLink(params.token)
    if (!survey?.openedAt) return response.notFound(await view.render('pages/errors/not_found'))
    const back = urlFor('public_surveys.show', { token: survey.linkToken! })
    const answered = answeredHere(request)
    const saved = await unlessAnswersRefused(ctx, back, async () => {
      if (answered.includes(survey.id))
        throw new FieldError('form', 'surveys.answer.already_answered')
      await answerAnonymously(
        survey,
        request.all(),
        String(request.input('submissionKey', '')),
        request.ip()
      )
      return true
    })
    if (!saved) return
    response.encryptedCookie(ANSWERED_COOKIE, [...answered, survey.id].slice(-50), {
      maxAge: '400d',
      path: '/s',
      sameSite: 'lax',
    })
    session.flash('success', i18n.t('surveys.answer.thanks'))
    return response.redirect(back)
  }
}
