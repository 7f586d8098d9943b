import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Survey, { type PartnerAudience, type SurveyKind } from '#surveys/models/survey'
import SurveyQuestion, { type QuestionKind } from '#surveys/models/survey_question'
import type { StaffMember } from '#core/roles'
import type { Language } from '#surveys/services/instruments'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { formDay, today } from '#core/services/time'

/*
| Writing a survey: its frame, its questions while it is a draft, opening it
| (questions are then fixed: answers refer to them) and closing it early.
*/
export type SurveyInput = {
  kind: SurveyKind
  title: string
  intro?: string | null
  language: Language
  areaId?: number | null
  audience?: PartnerAudience | null
  closesOn: Date
  submissionKey: string
}

export type QuestionInput = {
  kind: QuestionKind
  text: string
  choices?: string | null
  scaleMax?: '5' | '10' | null
  scaleMinLabel?: string | null
  scaleMaxLabel?: string | null
  required?: boolean | null
}

const MAX_CHOICES = 20
const MAX_QUESTIONS = 40
const MAX_CHOICE_LENGTH = 100

/** Answers are taken until the end of the closing day, Finnish time (today at the earliest). */
function closingMoment(closesOn: Date) {
  const day = formDay(closesOn)
  if (day < today()) throw new FieldError('closesOn', 'surveys.edit.closes_in_past')
  if (day > today().plus({ years: 1 }))
    throw new FieldError('closesOn', 'surveys.edit.closes_too_late')
  return day.plus({ days: 1 }).toUTC()
}

export async function createSurvey(input: SurveyInput, actor: StaffMember) {
  return oncePerSubmission(
    () => Survey.findBy('submission_key', input.submissionKey),
    async () => {
      const areaId = actor.role === 'admin' ? (input.areaId ?? null) : actor.areaId
      if (input.kind === 'partner' && areaId === null) {
        throw new FieldError('areaId', 'surveys.edit.partner_needs_area')
      }
      return Survey.create({
        kind: input.kind,
        title: input.title,
        intro: input.intro ?? null,
        language: input.language,
        areaId,
        audience: input.kind === 'partner' ? (input.audience ?? 'all') : null,
        createdByUserId: actor.id,
        closesAt: closingMoment(input.closesOn),
        submissionKey: input.submissionKey,
      })
    }
  )
}

export type SurveyChanges = {
  title?: string | null
  intro?: string | null
  language?: Language | null
  audience?: PartnerAudience | null
  closesOn: Date
}

/**
 * Changes a survey's frame. A draft's wording, language, audience and
 * closing day may change; once open, only the closing day (answers already
 * given must keep the meaning they had); a closed survey not at all.
 */
export async function updateSurvey(survey: Survey, changes: SurveyChanges) {
  if (survey.stateAt(DateTime.utc()) === 'closed')
    throw new FieldError('form', 'surveys.edit.not_changeable')
  survey.closesAt = closingMoment(changes.closesOn)
  if (!survey.openedAt) {
    if (!changes.title) throw new FieldError('title', 'surveys.edit.title_required')
    survey.title = changes.title
    survey.intro = changes.intro ?? null
    survey.language = changes.language ?? survey.language
    if (survey.kind === 'partner') survey.audience = changes.audience ?? survey.audience
  }
  await survey.save()
}

function assertDraft(survey: Survey) {
  if (survey.openedAt) throw new FieldError('form', 'surveys.edit.not_draft')
}

export async function addQuestion(survey: Survey, input: QuestionInput) {
  assertDraft(survey)
  const existing = await SurveyQuestion.query()
    .where('survey_id', survey.id)
    .orderBy('position', 'desc')
  if (existing.length >= MAX_QUESTIONS)
    throw new FieldError('form', 'surveys.edit.too_many_questions', { max: MAX_QUESTIONS })
  const choices =
    input.kind === 'single' || input.kind === 'multiple'
      ? [
          ...new Set(
            (input.choices ?? '')
              .split(/\r?\n/)
              .map((line) => line.trim())
              .filter(Boolean)
          ),
        ]
      : null
  if (choices && choices.length < 2) throw new FieldError('choices', 'surveys.edit.two_choices')
  if (choices && choices.length > MAX_CHOICES)
    throw new FieldError('choices', 'surveys.edit.too_many_choices', { max: MAX_CHOICES })
  if (choices?.some((choice) => choice.length > MAX_CHOICE_LENGTH))
    throw new FieldError('choices', 'surveys.edit.choice_too_long', { max: MAX_CHOICE_LENGTH })
  const scale = input.kind === 'scale'
  const scaleMax = Number(input.scaleMax ?? 5)
  return SurveyQuestion.create({
    surveyId: survey.id,
    position: (existing[0]?.position ?? 0) + 1,
    kind: input.kind,
    text: input.text,
    choices,
    // 1–5 or 0–10, the scales people know.
    scaleMin: scale ? (scaleMax === 10 ? 0 : 1) : null,
    scaleMax: scale ? scaleMax : null,
    scaleMinLabel: scale ? (input.scaleMinLabel ?? null) : null,
    scaleMaxLabel: scale ? (input.scaleMaxLabel ?? null) : null,
    required: Boolean(input.required),
  })
}

export async function removeQuestion(survey: Survey, questionId: number) {
  assertDraft(survey)
  await SurveyQuestion.query().where('survey_id', survey.id).where('id', questionId).delete()
}

/** Opens a draft for answers: an anonymous survey gets its public link. */
export async function openSurvey(survey: Survey) {
  assertDraft(survey)
  const questions = await SurveyQuestion.query().where('survey_id', survey.id).count('* as total')
  if (Number(questions[0].$extras.total) === 0)
    throw new FieldError('form', 'surveys.edit.no_questions')
  if (survey.closesAt <= DateTime.utc()) throw new FieldError('form', 'surveys.edit.closes_in_past')
  await db.connection('registry').transaction(async (trx) => {
    survey.useTransaction(trx)
    survey.openedAt = DateTime.utc()
    if (survey.kind === 'anonymous') survey.linkToken = randomBytes(12).toString('base64url')
    await survey.save()
  })
}

/** Stops taking answers now, before the closing day. */
export async function closeSurvey(survey: Survey) {
  if (!survey.openedAt || survey.closedAt) throw new FieldError('form', 'surveys.edit.not_open')
  survey.closedAt = DateTime.utc()
  await survey.save()
}

/** The surveys an admin (all) or a coordinator (their area's) manages, newest first. */
export function managedSurveys(actor: StaffMember) {
  const query = Survey.query().orderBy('id', 'desc')
  if (actor.role !== 'admin') query.where('area_id', actor.areaId ?? 0)
  return query
}
