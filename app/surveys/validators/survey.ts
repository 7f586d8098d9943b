import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import { PARTNER_AUDIENCES, SURVEY_KINDS } from '#surveys/models/survey'
import { QUESTION_KINDS } from '#surveys/models/survey_question'
import { LANGUAGES } from '#surveys/services/instruments'

export const surveyValidator = vine.compile(
  vine.object({
    kind: vine.enum(SURVEY_KINDS),
    title: vine.string().trim().minLength(3).maxLength(150),
    intro: vine.string().trim().maxLength(2000).optional(),
    language: vine.enum(LANGUAGES),
    // An admin chooses the area (none: a national anonymous survey); a coordinator's is their own.
    areaId: vine
      .number()
      .withoutDecimals()
      .positive()
      .exists({ table: 'areas', column: 'id', connection: 'registry' })
      .optional(),
    audience: vine.enum(PARTNER_AUDIENCES).optional().requiredWhen('kind', '=', 'partner'),
    closesOn: vine.date({ formats: DATE_FORMATS }),
    submissionKey: vine.string().uuid(),
  })
)

/** The frame of an existing survey: a draft's wording and closing day; an open survey's closing day. */
export const surveyChangesValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(3).maxLength(150).optional(),
    intro: vine.string().trim().maxLength(2000).optional(),
    language: vine.enum(LANGUAGES).optional(),
    audience: vine.enum(PARTNER_AUDIENCES).optional(),
    closesOn: vine.date({ formats: DATE_FORMATS }),
  })
)

export const questionValidator = vine.compile(
  vine.object({
    kind: vine.enum(QUESTION_KINDS),
    text: vine.string().trim().minLength(3).maxLength(300),
    // One choice per line, for single and multiple choice questions.
    choices: vine
      .string()
      .trim()
      .maxLength(2000)
      .optional()
      .requiredWhen('kind', 'in', ['single', 'multiple']),
    scaleMax: vine.enum(['5', '10']).optional().requiredWhen('kind', '=', 'scale'),
    scaleMinLabel: vine.string().trim().maxLength(60).optional(),
    scaleMaxLabel: vine.string().trim().maxLength(60).optional(),
    required: vine.boolean().optional(),
  })
)
