import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Brings the statistics' summary tables up to date by hand. The scheduler
 * does this every few minutes for what changed; run it after loading data
 * straight into the database (with --deleted after removing rows), or with
 * --full after changing the age groups.
 */
export default class RefreshStatistics extends BaseCommand {
  static commandName = 'stats:refresh'
  static description =
    'Bring the statistics summary tables up to date with what changed (everything with --full)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Rebuild every summary table from all cards and uses' })
  declare full: boolean

  @flags.boolean({ description: 'Also look for deleted cards and uses' })
  declare deleted: boolean

  async run() {
    const { refreshSummaries } = await import('#stats/services/summary_refresh')
    const outcome = await refreshSummaries({
      full: Boolean(this.full),
      deleted: Boolean(this.deleted),
    })
    const years = outcome.totalsYears
    this.logger.info(
      `statistics refreshed in ${outcome.durationMs} ms (${outcome.full ? 'everything' : 'what changed'}: ${outcome.cards} cards, ${outcome.uses} uses; years of the old register's totals: ${years === 'all' ? 'all' : years.join(', ') || 'none'})`
    )
  }
}
