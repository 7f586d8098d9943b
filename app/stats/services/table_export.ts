import privacyConfig from '#config/privacy'
import { isHidden, type CellValue, type StatTable } from '#stats/services/stat_table'
import type { StatContext } from '#stats/services/statistic_context'

/*
| A statistic as spreadsheet rows: a title row, the period, the header, the
| rows with hidden counts written as the page shows them ("< 5", "×"), and
| the definition under the table.
*/
export function tableRows(table: StatTable, { filters, t }: StatContext): unknown[][] {
  const cell = (value: CellValue | undefined) => {
    if (value === null || value === undefined) return ''
    if (isHidden(value)) {
      return t(`stats_panel.hidden.${value.hidden}`, { threshold: privacyConfig.smallestShown })
    }
    return value
  }
  const period = filters.quarter
    ? t('stats.filters.period_quarter', { year: filters.year, quarter: filters.quarter })
    : String(filters.year)
  return [
    [table.title],
    [period],
    table.columns.map((column) => column.label),
    ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key]))),
    [],
    [table.definition],
  ]
}
