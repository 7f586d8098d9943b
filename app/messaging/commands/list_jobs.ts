import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Every scheduled job: when it runs, its last run and when it is next due. */
export default class ListJobs extends BaseCommand {
  static commandName = 'jobs:list'
  static description = 'List the scheduled jobs with their schedule, last run and next run'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { jobStatuses } = await import('#messaging/services/job_runner')
    const { describeSchedule, nextDueAfter } = await import('#core/services/job_schedule')
    const table = this.ui.table()
    table.head(['job', 'when', 'last run', 'outcome', 'next run'])
    for (const { definition, last } of await jobStatuses()) {
      const lastAt = last?.startedAt ?? null
      let next = 'at the next tick'
      if (definition.lock === null) next = 'every minute'
      else if (lastAt) next = nextDueAfter(definition.schedule, lastAt).toFormat('yyyy-MM-dd HH:mm')
      table.row([
        definition.name,
        describeSchedule(definition.schedule),
        lastAt ? lastAt.setZone('Europe/Helsinki').toFormat('yyyy-MM-dd HH:mm:ss') : 'never',
        last ? `${last.outcome}${last.detail ? `: ${last.detail}` : ''}` : '',
        next,
      ])
    }
    table.render()
  }
}
