import type { I18n } from '@adonisjs/i18n'

/** The values of a list as { value, label } choices, labelled in the page language. */
export function optionsOf(i18n: I18n, prefix: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: i18n.t(`${prefix}.${value}`) }))
}

/** Records as choices, by id and a label. */
export function recordOptions<T extends { id: number }>(
  records: T[],
  label: (record: T) => string
) {
  return records.map((record) => ({ value: record.id, label: label(record) }))
}
