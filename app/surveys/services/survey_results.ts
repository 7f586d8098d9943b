import db from '@adonisjs/lucid/services/db'
import privacyConfig from '#config/privacy'
import { AUDIENCE_TYPES, type default as Survey } from '#surveys/models/survey'
import type SurveyQuestion from '#surveys/models/survey_question'
import { organisationsInAreas } from '#registry/services/directory'
import { questionsOf } from '#surveys/services/survey_answering'
import { isoDateFromRow, momentFromRow } from '#core/services/time'

export type QuestionResult = {
  question: SurveyQuestion
  answered: number
  /** Single and multiple choice: each choice's count; scale: each point's count. */
  counts: { label: string; count: number }[]
  mean: number | null
  texts: { text: string; organisationId: number | null }[]
}

type AnswerRow = {
  question_id: number
  response_id: number
  organisation_id: number | null
  choice: number | null
  number: number | null
  text: string | null
}

const round1 = (value: number) => Math.round(value * 10) / 10

function resultOf(question: SurveyQuestion, rows: AnswerRow[]): QuestionResult {
  const own = rows.filter((row) => row.question_id === question.id)
  const answered = new Set(own.map((row) => row.response_id)).size
  const result: QuestionResult = { question, answered, counts: [], mean: null, texts: [] }
  if (question.kind === 'text') {
    result.texts = own.map((row) => ({ text: row.text ?? '', organisationId: row.organisation_id }))
  } else if (question.kind === 'scale') {
    for (let point = question.scaleMin!; point <= question.scaleMax!; point++) {
      result.counts.push({
        label: String(point),
        count: own.filter((row) => row.number === point).length,
      })
    }
    result.mean = own.length
      ? round1(own.reduce((sum, row) => sum + row.number!, 0) / own.length)
      : null
  } else {
    result.counts = (question.choices ?? []).map((label, index) => ({
      label,
      count: own.filter((row) => row.choice === index).length,
    }))
  }
  return result
}

/** Every answer of a survey with its response's organisation (partner surveys). */
function answersOf(survey: Survey): Promise<AnswerRow[]> {
  return db
    .from('survey_answers')
    .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .where('survey_responses.survey_id', survey.id)
    .orderBy('survey_answers.id')
    .select(
      'survey_answers.question_id',
      'survey_answers.response_id',
      'survey_responses.organisation_id',
      'survey_answers.choice',
      'survey_answers.number',
      'survey_answers.text'
    )
}

/**
 * A survey's results per question. An anonymous survey with fewer than five
 * responses shows only their number; a partner survey's answers are
 * organisations', not people's, and show from the first.
 */
export async function surveyResults(survey: Survey) {
  const [questions, [{ total }]] = await Promise.all([
    questionsOf(survey),
    db.from('survey_responses').where('survey_id', survey.id).count('* as total'),
  ])
  const responses = Number(total)
  const suppressed = survey.kind === 'anonymous' && responses < privacyConfig.smallestShown
  if (suppressed) return { responses, suppressed, questions: [] as QuestionResult[] }
  const rows = await answersOf(survey)
  return { responses, suppressed, questions: questions.map((question) => resultOf(question, rows)) }
}

/** The organisations a partner survey is addressed to: answered or not, and when last reminded. */
export async function partnerStatus(survey: Survey) {
  const inArea = await organisationsInAreas(survey.areaId ? [survey.areaId] : [])
  const organisations = inArea.filter((organisation) =>
    AUDIENCE_TYPES[survey.audience ?? 'all'].includes(organisation.type)
  )
  const [responses, reminders] = await Promise.all([
    db
      .from('survey_responses')
      .where('survey_id', survey.id)
      .select('organisation_id', 'answered_on'),
    db
      .from('survey_reminders')
      .where('survey_id', survey.id)
      .groupBy('organisation_id')
      .select('organisation_id')
      .max('sent_at as last'),
  ])
  const answered = new Map(
    responses.map((row) => [Number(row.organisation_id), isoDateFromRow(row.answered_on)])
  )
  const reminded = new Map(
    reminders.map((row) => [Number(row.organisation_id), momentFromRow(row.last)])
  )
  return organisations.map((organisation) => ({
    ...organisation,
    answeredOn: answered.get(organisation.id) ?? null,
    remindedAt: reminded.get(organisation.id) ?? null,
  }))
}

/** The rows of a survey's CSV export: aggregated for anonymous surveys, per organisation for partner surveys. */
export async function surveyCsvRows(
  survey: Survey,
  headings: { question: string; answer: string; count: string; organisation: string }
) {
  if (survey.kind === 'partner') {
    // An organisation's answers side by side; organisations' answers are never suppressed.
    const [questions, rows, status] = await Promise.all([
      questionsOf(survey),
      answersOf(survey),
      partnerStatus(survey),
    ])
    const answerText = (question: SurveyQuestion, row: AnswerRow) =>
      question.kind === 'text'
        ? (row.text ?? '')
        : question.kind === 'scale'
          ? String(row.number)
          : (question.choices?.[row.choice!] ?? '')
    return [
      [headings.organisation, ...questions.map((question) => question.text)],
      ...status
        .filter((organisation) => organisation.answeredOn)
        .map((organisation) => [
          organisation.name,
          ...questions.map((question) =>
            rows
              .filter(
                (row) => row.question_id === question.id && row.organisation_id === organisation.id
              )
              .map((row) => answerText(question, row))
              .join('; ')
          ),
        ]),
    ]
  }
  const results = await surveyResults(survey)
  if (results.suppressed) return [[headings.question, headings.answer, headings.count]]
  return [
    [headings.question, headings.answer, headings.count],
    ...results.questions.flatMap((result) =>
      result.question.kind === 'text'
        ? result.texts.map((text) => [result.question.text, text.text, ''])
        : result.counts.map((count) => [result.question.text, count.label, String(count.count)])
    ),
  ]
}
