import ImportCommand from '#imports/commands/import_command'

export default class ImportYearlyTotals extends ImportCommand {
  static commandName = 'import:yearly-totals'
  static description = 'Import yearly totals by area from before detailed records (docs/IMPORT.md)'
  kind = 'yearly_totals' as const
}
