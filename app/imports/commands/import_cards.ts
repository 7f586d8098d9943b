import ImportCommand from '#imports/commands/import_command'

export default class ImportCards extends ImportCommand {
  static commandName = 'import:cards'
  static description = "Import the old register's cards (docs/IMPORT.md)"
  kind = 'cards' as const
}
