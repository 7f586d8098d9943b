import ImportCommand from '#imports/commands/import_command'

export default class ImportOrganisations extends ImportCommand {
  static commandName = 'import:organisations'
  static description = "Import the old register's organisations (docs/IMPORT.md)"
  kind = 'organisations' as const
}
