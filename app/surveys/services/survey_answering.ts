import { DateTime } from 'luxon'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { errors } from '@adonisjs/lucid'
import Survey, { AUDIENCE_TYPES } from '#surveys/models/survey'
import SurveyQuestion from '#surveys/models/survey_question'
import type { StaffMember } from '#core/roles'
import { FieldError } from '#core/services/field_error'
import { isoDateFromRow, today } from '#core/services/time'
import { oncePerSubmission } from '#core/services/one_time_form'
import { organisationSummary } from '#registry/services/directory'
import { AnswersRefused, wholeNumber } from '#surveys/services/answer_refusal'

/*
| Answering an anonymous survey (by its link, without signing in) or a
| partner survey (a staff user for their organisation, once). An anonymous
| response carries only the date: no card, no user, no time, no address.
*/

/** Free text longer than this is refused, not cut. */
export const MAX_TEXT = 2000

type AnswerRow = { question_id: number; choice?: number; number?: number; text?: string }

/** Checks a form against the questions and returns the rows to store, or refuses field by field. */
export function answerRows(questions: SurveyQuestion[], form: Record<string, unknown>) {
  const rows: AnswerRow[] = []
  const refusals: AnswersRefused['fields'] = {}
  for (const question of questions) {
    const raw = form[question.field]
    const values = Array.isArray(raw)
      ? raw
      : raw === undefined || raw === null || raw === ''
        ? []
        : [raw]
    if (question.kind === 'text') {
      const text = typeof raw === 'string' ? raw.trim() : ''
      if (text.length > MAX_TEXT)
        refusals[question.field] = { key: 'surveys.answer.too_long', params: { max: MAX_TEXT } }
      else if (text) rows.push({ question_id: question.id, text })
      else if (question.required) refusals[question.field] = { key: 'surveys.answer.required' }
      continue
    }
    const numbers = values.map(wholeNumber)
    const allowed = (value: number | null): value is number =>
      value !== null &&
      (question.kind === 'scale'
        ? value >= question.scaleMin! && value <= question.scaleMax!
        : value >= 0 && value < (question.choices?.length ?? 0))
    if (!numbers.every(allowed) || (question.kind !== 'multiple' && numbers.length > 1)) {
      refusals[question.field] = { key: 'surveys.answer.off_choices' }
      continue
    }
    if (!numbers.length) {
      if (question.required) refusals[question.field] = { key: 'surveys.answer.required' }
      continue
    }
    for (const value of new Set(numbers)) {
      rows.push(
        question.kind === 'scale'
          ? { question_id: question.id, number: value }
          : { question_id: question.id, choice: value }
      )
    }
  }
  if (!Object.keys(refusals).length && !rows.length) {
    refusals.form = { key: 'surveys.answer.nothing_answered' }
  }
  if (Object.keys(refusals).length) throw new AnswersRefused(refusals)
  return rows
}

export function questionsOf(survey: Survey) {
  return SurveyQuestion.query().where('survey_id', survey.id).orderBy('position')
}

/** Stores one response and its answers; a submission key seen before stores nothing again. */
async function storeResponse(
  survey: Survey,
  organisationId: number | null,
  form: Record<string, unknown>,
  submissionKey: string
) {
  if (survey.stateAt(DateTime.utc()) !== 'open')
    throw new FieldError('form', 'surveys.answer.closed')
  const rows = answerRows(await questionsOf(survey), form)
  await oncePerSubmission(
    () => db.from('survey_responses').where('submission_key', submissionKey).first(),
    () =>
      db.connection('registry').transaction(async (trx) => {
        const [responseId] = await trx.insertQuery().table('survey_responses').insert({
          survey_id: survey.id,
          organisation_id: organisationId,
          answered_on: today().toISODate(),
          submission_key: submissionKey,
        })
        if (rows.length) {
          await trx
            .insertQuery()
            .table('survey_answers')
            .multiInsert(rows.map((row) => ({ response_id: responseId, ...row })))
        }
        return { id: responseId }
      })
  )
}

/** The anonymous survey behind a public link, whatever its state; null for no such link. */
export function anonymousSurveyByLink(token: string) {
  return Survey.query().where('link_token', token).where('kind', 'anonymous').first()
}

/*
| Answers to one anonymous survey from one network address are capped, so a
| script cannot flood it. The cap is generous: a group may answer together
| on one office's or library's connection. The counter's key is a hash of
| the survey's link and the address; the response itself keeps neither.
*/
export const ANSWERS_PER_ADDRESS_PER_HOUR = 30

const answerCounter = () =>
  limiter.use({ requests: ANSWERS_PER_ADDRESS_PER_HOUR, duration: '1 hour' })

export async function answerAnonymously(
  survey: Survey,
  form: Record<string, unknown>,
  submissionKey: string,
  address: string
) {
  const key = `survey_answer:${createHash('sha256').update(`${survey.linkToken}:${address}`).digest('hex')}`
  if ((await answerCounter().remaining(key)) <= 0) {
    throw new FieldError('form', 'surveys.answer.too_many')
  }
  await storeResponse(survey, null, form, submissionKey)
  await answerCounter().increment(key)
}

/** Partner surveys addressed to the staff member's organisation, opened, newest first, with whether it answered. */
export async function partnerSurveysFor(staff: StaffMember) {
  const organisation = staff.organisationId ? await organisationSummary(staff.organisationId) : null
  if (!organisation?.areaId) return []
  const surveys = await Survey.query()
    .where('kind', 'partner')
    .where('area_id', organisation.areaId)
    .whereNotNull('opened_at')
    .orderBy('closes_at', 'desc')
  const addressed = surveys.filter((survey) =>
    AUDIENCE_TYPES[survey.audience ?? 'all'].includes(organisation.type)
  )
  const answered = await db
    .from('survey_responses')
    .whereIn(
      'survey_id',
      addressed.map((survey) => survey.id)
    )
    .where('organisation_id', organisation.id)
    .select('survey_id', 'answered_on')
  const answeredOn = new Map(
    answered.map((row) => [Number(row.survey_id), isoDateFromRow(row.answered_on)])
  )
  return addressed.map((survey) => ({ survey, answeredOn: answeredOn.get(survey.id) ?? null }))
}

/** One partner survey addressed to the staff member's organisation, or 404. */
export async function partnerSurveyForOrFail(staff: StaffMember, surveyId: number) {
  const surveys = await partnerSurveysFor(staff)
  const found = surveys.find(({ survey }) => survey.id === surveyId)
  if (!found) throw new errors.E_ROW_NOT_FOUND(Survey)
  return found
}

/** The organisation's response to a survey, if it has answered. */
function organisationResponse(survey: Survey, organisationId: number) {
  return db
    .from('survey_responses')
    .where('survey_id', survey.id)
    .where('organisation_id', organisationId)
    .first()
}

export async function answerForOrganisation(
  survey: Survey,
  staff: StaffMember,
  form: Record<string, unknown>,
  submissionKey: string
) {
  const already = await organisationResponse(survey, staff.organisationId!)
  if (already && already.submission_key !== submissionKey) {
    throw new FieldError('form', 'surveys.answer.organisation_answered')
  }
  try {
    await storeResponse(survey, staff.organisationId!, form, submissionKey)
  } catch (error) {
    // A colleague's answer for the same organisation got there at the same moment.
    const twin = await organisationResponse(survey, staff.organisationId!)
    if (twin && !(error instanceof FieldError) && !(error instanceof AnswersRefused)) {
      throw new FieldError('form', 'surveys.answer.organisation_answered')
    }
    throw error
  }
}
