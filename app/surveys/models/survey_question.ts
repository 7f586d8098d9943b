import { BaseModel, column } from '@adonisjs/lucid/orm'

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

/** A question of an anonymous or partner survey. */
export default class SurveyQuestion extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare surveyId: number

  @column()
  declare position: number

  @column()
  declare kind: QuestionKind

  @column()
  declare text: string

  @column({
    prepare: (value: string[] | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? (JSON.parse(value) as string[]) : null),
  })
  declare choices: string[] | null

  @column()
  declare scaleMin: number | null

  @column()
  declare scaleMax: number | null

  @column()
  declare scaleMinLabel: string | null

  @column()
  declare scaleMaxLabel: string | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare required: boolean

  /** The name of the question's field in an answer form. */
  get field() {
    return `q${this.id}`
  }
}
