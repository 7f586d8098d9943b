import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Prints (or writes into docs/OPERATIONS.md) the jobs table from the job definitions. */
export default class PrintJobsTable extends BaseCommand {
  static commandName = 'jobs:table'
  static description = 'Print the markdown table of scheduled jobs for docs/OPERATIONS.md'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Write it into docs/OPERATIONS.md between its markers' })
  declare write: boolean

  async run() {
    const { JOBS } = await import('#start/jobs')
    const { jobsMarkdownTable } = await import('#core/services/job_table')
    const { writeTableInDocs } = await import('#core/services/docs_tables')
    const table = jobsMarkdownTable(JOBS)
    if (!this.write) return this.logger.log(table)
    if (await writeTableInDocs(this.app.makePath('docs/OPERATIONS.md'), 'jobs:table', table)) {
      return this.logger.success('docs/OPERATIONS.md: jobs table written')
    }
    this.exitCode = 1
    this.logger.error('docs/OPERATIONS.md has no jobs:table markers')
  }
}
