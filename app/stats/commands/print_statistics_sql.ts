import { DateTime } from 'luxon'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const KINDS = ['area', 'distributor', 'venue', 'public', 'report'] as const

type Statement = { sql: string; bindings: unknown[] }

/** What knex reports of each query it sends ('query' event). */
type KnexQuery = { sql: string; bindings?: unknown[] }

/** A binding as mysql2 would send it, in plain JSON (timestamps as the app writes them, in UTC). */
function plain(value: unknown): unknown {
  if (value instanceof Date)
    return DateTime.fromJSDate(value).toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
  if (DateTime.isDateTime(value)) return value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
  if (Array.isArray(value)) return value.map(plain)
  return value
}

/**
 * Prints the SQL statements one dashboard's data function runs (every
 * section, or with --section the one section a dashboard page shows), as one
 * line of JSON on stdout: {"statements":[{"sql":"…","bindings":[…]},…]}.
 * bench/stats times them with a bare mysql2 client beside the page's own
 * time. The statements are caught from the registry connection's knex
 * clients while the function runs; transaction control is left out.
 */
export default class PrintStatisticsSql extends BaseCommand {
  static commandName = 'stats:sql'
  static description =
    'Print, as JSON, the SQL statements a statistics dashboard runs (for bench/stats)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: `The dashboard: ${KINDS.join(', ')}` })
  declare dashboard: string

  @flags.number({ description: 'Year (default: the current year)' })
  declare year?: number

  @flags.number({ description: 'Quarter, 1–4 (default: the whole year)' })
  declare quarter?: number

  @flags.number({ description: 'Area id (default: every area)' })
  declare area?: number

  @flags.number({ description: 'Organisation id (distributor and venue dashboards)' })
  declare organisation?: number

  @flags.string({ description: 'Only this section of the dashboard (what its page shows)' })
  declare section?: string

  async run() {
    const kind = KINDS.find((candidate) => candidate === this.dashboard)
    if (!kind) {
      this.logger.error(`Unknown dashboard "${this.dashboard}": one of ${KINDS.join(', ')}`)
      this.exitCode = 1
      return
    }
    const { dashboardData, dashboardSection, sectionsOf } =
      await import('#stats/services/dashboards')
    const scope = { areaId: this.area ?? null, organisationId: this.organisation ?? null }
    const filters = { year: this.year ?? DateTime.now().year, quarter: this.quarter ?? null }
    let run: () => Promise<unknown> = () => dashboardData(kind, scope, filters)
    if (this.section) {
      const section = this.section
      if (kind === 'public' || kind === 'report' || !sectionsOf(kind).includes(section)) {
        this.logger.error(`The ${kind} dashboard has no section "${section}"`)
        this.exitCode = 1
        return
      }
      const organisationType = kind === 'area' || !scope.organisationId ? null : kind
      run = () =>
        dashboardSection(kind, section, {
          scope: { ...scope, organisationType },
          filters,
          t: (key) => key,
          locale: 'fi',
        })
    }

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const registry = db.connection('registry')
    const clients = new Set([registry.getWriteClient(), registry.getReadClient()])
    const statements: Statement[] = []
    const listener = (query: KnexQuery) => {
      if (/^\s*(begin|commit|rollback|savepoint|release savepoint)\b/i.test(query.sql)) return
      statements.push({ sql: query.sql, bindings: (query.bindings ?? []).map(plain) })
    }
    for (const client of clients) client.on('query', listener)
    try {
      await run()
    } finally {
      for (const client of clients) client.off('query', listener)
    }
    process.stdout.write(JSON.stringify({ statements }) + '\n')
  }
}
