import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Prints the jobs table of docs/OPERATIONS.md from the job definitions. */
export default class PrintJobsTable extends BaseCommand {
  static commandName = 'jobs:table'
  static description = 'Print the markdown table of scheduled jobs for docs/OPERATIONS.md'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { JOBS } = await import('#start/jobs')
    const { jobsMarkdownTable } = await import('#core/services/job_table')
    this.logger.log(jobsMarkdownTable(JOBS))
  }
}
