import { args, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Runs one scheduled job now, due or not: with its lock, and recorded in job_runs. */
export default class RunJob extends BaseCommand {
  static commandName = 'jobs:run'
  static description = 'Run one scheduled job now (with its lock; recorded like a scheduled run)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The job, as `node ace jobs:list` names it' })
  declare name: string

  async run() {
    const { JOBS } = await import('#start/jobs')
    const { runJob } = await import('#messaging/services/job_runner')
    const definition = JOBS.find((job) => job.name === this.name)
    if (!definition) {
      this.logger.error(`No job named "${this.name}": ${JOBS.map((job) => job.name).join(', ')}`)
      this.exitCode = 1
      return
    }
    const run = await runJob(definition)
    if (!run) {
      this.logger.warning(`${this.name} is running elsewhere; not started`)
      this.exitCode = 1
      return
    }
    if (run.outcome === 'failed') {
      this.logger.error(`${this.name} failed: ${run.detail}`)
      this.exitCode = 1
      return
    }
    this.logger.success(`${this.name}: ${run.detail} (${run.durationMs} ms)`)
  }
}
