import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Prints (or writes into docs/DATA_PROTECTION.md) the retention table from config/retention.ts. */
export default class PrintRetentionTable extends BaseCommand {
  static commandName = 'retention:table'
  static description = 'Print the markdown table of retention periods for docs/DATA_PROTECTION.md'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Write it into docs/DATA_PROTECTION.md between its markers' })
  declare write: boolean

  async run() {
    const { retentionMarkdownTable } = await import('#core/services/retention_table')
    const { writeTableInDocs } = await import('#core/services/docs_tables')
    const table = retentionMarkdownTable()
    if (!this.write) return this.logger.log(table)
    const path = this.app.makePath('docs/DATA_PROTECTION.md')
    if (await writeTableInDocs(path, 'retention:table', table)) {
      return this.logger.success('docs/DATA_PROTECTION.md: retention table written')
    }
    this.exitCode = 1
    this.logger.error('docs/DATA_PROTECTION.md has no retention:table markers')
  }
}
