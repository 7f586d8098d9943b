import type { I18n } from '@adonisjs/i18n'

/**
 * Fields of a form that only some answers to one of its questions need (a
 * message's audience: an area, an organisation, a genre...): for each field,
 * the answers that need it. Such a field is shown, and validated, only for
 * those answers; without JavaScript every field is on the page, its hint
 * saying when it is needed.
 */
export type DependentFields<Field extends string = string> = Record<Field, readonly string[]>

type Offered = { value: string; label: string }

/** True when the answer needs the field. */
export function needs(fields: DependentFields, field: string, answer: unknown) {
  return (fields[field] ?? []).includes(String(answer))
}

/**
 * Each field's hint "Needed only when <question> is A, B or C", naming the
 * answers the user is offered; a field no offered answer needs is left out.
 */
export function onlyWhenHints(
  i18n: I18n,
  fields: DependentFields,
  question: string,
  offered: Offered[]
): Record<string, string> {
  const list = new Intl.ListFormat(i18n.locale, { type: 'disjunction' })
  const hints: Record<string, string> = {}
  for (const [field, answers] of Object.entries(fields)) {
    const labels = offered.filter((o) => answers.includes(o.value)).map((o) => `”${o.label}”`)
    if (labels.length) {
      hints[field] = i18n.t('common.only_when', { question, choices: list.format(labels) })
    }
  }
  return hints
}

/**
 * What a screen reader hears when htmx swaps in the fields an answer needs:
 * their labels, or that the answer needs nothing more.
 */
export function fieldsAnnouncement(i18n: I18n, labels: string[]) {
  return labels.length
    ? i18n.t('common.fields_now', { fields: labels.join(', ') })
    : i18n.t('common.fields_none')
}
