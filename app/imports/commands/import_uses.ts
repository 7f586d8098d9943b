import ImportCommand from '#imports/commands/import_command'

export default class ImportUses extends ImportCommand {
  static commandName = 'import:uses'
  static description = "Import the old register's uses (docs/IMPORT.md)"
  kind = 'uses' as const
}
