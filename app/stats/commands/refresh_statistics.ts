import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Brings the statistics' summary tables up to date by hand. The scheduler
 * does this every few minutes and in full every night; run it after loading
 * data straight into the database, or with --full after changing the age groups.
 */
export default class RefreshStatistics extends BaseCommand {
  static commandName = 'stats:refresh'
  static description = 'Bring the statistics summary tables up to date (every year with --full)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Rebuild every year of every summary table' })
  declare full: boolean

  async run() {
    const { refreshSummaries } = await import('#stats/services/summary_refresh')
    const outcome = await refreshSummaries({ full: Boolean(this.full) })
    const years = (value: number[] | 'all') =>
      value === 'all' ? 'all' : value.join(', ') || 'none'
    this.logger.info(
      `statistics refreshed in ${outcome.durationMs} ms (card years: ${years(outcome.cardYears)}; use years: ${years(outcome.useYears)}; years of the old register's totals: ${years(outcome.totalsYears)})`
    )
  }
}
