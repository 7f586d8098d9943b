import ImportCommand from '#imports/commands/import_command'

export default class ImportUsers extends ImportCommand {
  static commandName = 'import:users'
  static description = "Import the old register's users (docs/IMPORT.md)"
  kind = 'users' as const
}
