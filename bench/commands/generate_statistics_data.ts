import { DateTime } from 'luxon'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { ZONE } from '#core/services/time'
import { Literal } from '../stats_data/bulk_loader.js'
import { Calendar, dayOf } from '../stats_data/calendar.js'
import { clean } from '../stats_data/clean.js'
import { generate } from '../stats_data/generate.js'
import { EMAIL_DOMAIN, NAME_PREFIX, type Run } from '../stats_data/plan.js'

/*
| node ace stats:generate: a large, realistic data set in the registry for
| benchmarking the statistics (bench/stats), beside the demo seed and apart
| from it. A development tool: it lives in bench/, which is not part of the
| production build (see bench/README.md). Everything it adds is recognisable
| and removed by --clean: organisations named "Bench …" (with their offers,
| shows, cards, card history, wellbeing answers and uses), cards whose code
| starts with ZZ, and the staff users bench.*@kaikukanta.test.
|
| It places distributors, venues and ticket agents in the real areas and
| municipalities (in use or pilot), weighted by population; cards are issued
| over --years years with growth and a seasonal pattern; uses follow each
| card's validity, mostly in its own area, with a long tail of frequent users.
| The same --seed gives the same data set. Rows go in as multi-row INSERTs in
| chunks inside transactions, in time order: cards by issue day, uses month by
| month (within a month in card order, so that the indexes on the card code
| fill in order), and no more than one chunk of uses is held in memory. The
| parts are in bench/stats_data/.
*/
export default class GenerateStatisticsData extends BaseCommand {
  static commandName = 'stats:generate'
  static description =
    'Fill the registry with a large generated data set for benchmarking the statistics (--clean removes it)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Cards to issue', default: 1_000_000 })
  declare cards: number

  @flags.number({ description: 'Uses to register', default: 5_000_000 })
  declare uses: number

  @flags.number({ description: 'Years of history, ending in the current year', default: 10 })
  declare years: number

  @flags.number({
    description: 'Seed of the random numbers (the same seed, the same data)',
    default: 1,
  })
  declare seed: number

  @flags.boolean({ description: 'Remove what an earlier run added, and nothing else' })
  declare clean: boolean

  async run() {
    if (this.app.inProduction || process.env.NODE_ENV === 'production') {
      this.logger.error('stats:generate refuses to run in production (NODE_ENV=production)')
      this.exitCode = 1
      return
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const registry = db.connection('registry')
    const mysql = registry.dialect.name === 'mysql'
    const log = (line: string) => this.logger.info(line)

    if (this.clean) {
      const started = performance.now()
      if (await clean({ mysql, log }, registry)) {
        this.logger.success(`Removed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      }
      await this.#refreshSummaries()
      return
    }
    for (const [name, value, min] of [
      ['--cards', this.cards, 1],
      ['--uses', this.uses, 0],
      ['--years', this.years, 1],
    ] as const) {
      if (!Number.isInteger(value) || value < min) {
        this.logger.error(`${name} must be a whole number of at least ${min}`)
        this.exitCode = 1
        return
      }
    }
    if (await this.#hasDataSet(registry)) {
      this.logger.error(
        'The registry already has a generated data set. Remove it first: node ace stats:generate --clean'
      )
      this.exitCode = 1
      return
    }

    const started = performance.now()
    try {
      const run = this.#plan(mysql, log)
      this.logger.info(
        `Generating ${this.cards.toLocaleString('en')} cards and ${this.uses.toLocaleString('en')} uses over ${this.years} years (${run.calendar.text(run.spanStart)} – ${run.calendar.text(run.today)}), seed ${this.seed}, on ${mysql ? 'MySQL/MariaDB' : 'SQLite'}`
      )
      await generate(run, registry)
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message : String(error))
      this.logger.info('Remove what was written with: node ace stats:generate --clean')
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Generated in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${this.seed})`
    )
    await this.#refreshSummaries()
  }

  async #hasDataSet(registry: QueryClientContract) {
    const organisations = await registry
      .from('organisations')
      .where('name', 'like', `${NAME_PREFIX}%`)
      .count('* as total')
      .first()
    const users = await registry
      .from('users')
      .where('email', 'like', `bench.%${EMAIL_DOMAIN}`)
      .count('* as total')
      .first()
    return Number(organisations?.total ?? 0) + Number(users?.total ?? 0) > 0
  }

  /** The run's settings and days: --years whole years ending today, uses up to two months ahead. */
  #plan(mysql: boolean, log: (line: string) => void): Run {
    const todayDate = DateTime.now().setZone(ZONE)
    const today = dayOf(todayDate.year, todayDate.month, todayDate.day)
    const spanStart = dayOf(todayDate.year - this.years + 1, 1, 1)
    return {
      seed: this.seed,
      cards: this.cards,
      uses: this.uses,
      mysql,
      sql: new Literal(mysql),
      calendar: new Calendar(spanStart - 2, today + 6 * 366),
      today,
      now: Math.floor(Date.now() / 1000),
      spanStart,
      lastUseDay: today + 60,
      log,
    }
  }

  /** Rebuilds the statistics' summary tables (stats:refresh --full). */
  async #refreshSummaries() {
    let summaries: typeof import('#stats/services/summary_refresh')
    try {
      summaries = await import('#stats/services/summary_refresh')
    } catch (error) {
      this.logger.warning(
        `Could not load the summary refresh (${(error as Error).message}). Rebuild the summary tables with: node ace stats:refresh --full`
      )
      return
    }
    this.logger.info('Rebuilding the summary tables…')
    const started = performance.now()
    try {
      await summaries.refreshSummaries({ full: true })
    } catch (error) {
      this.logger.error(
        `The summary tables could not be rebuilt (${(error as Error).message}). Once that is fixed: node ace stats:refresh --full`
      )
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Summary tables rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
  }
}
