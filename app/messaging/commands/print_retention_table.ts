import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Prints the retention table of docs/DATA_PROTECTION.md from config/retention.ts. */
export default class PrintRetentionTable extends BaseCommand {
  static commandName = 'retention:table'
  static description = 'Print the markdown table of retention periods for docs/DATA_PROTECTION.md'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { retentionMarkdownTable } = await import('#core/services/retention_table')
    this.logger.log(retentionMarkdownTable())
  }
}
