import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Prints (or writes into docs/ARCHITECTURE.md) the module table from app/<module>/module.ts. */
export default class PrintModulesTable extends BaseCommand {
  static commandName = 'modules:table'
  static description = 'Print the module table of docs/ARCHITECTURE.md from the module declarations'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Write it into docs/ARCHITECTURE.md between its markers' })
  declare write: boolean

  async run() {
    const { MODULES } = await import('#start/modules')
    const { modulesMarkdownTable } = await import('#core/services/module_table')
    const { writeTableInDocs } = await import('#core/services/docs_tables')
    const table = modulesMarkdownTable(MODULES)
    if (!this.write) return this.logger.log(table)
    if (await writeTableInDocs(this.app.makePath('docs/ARCHITECTURE.md'), 'modules:table', table)) {
      return this.logger.success('docs/ARCHITECTURE.md: module table written')
    }
    this.exitCode = 1
    this.logger.error('docs/ARCHITECTURE.md has no modules:table markers')
  }
}
