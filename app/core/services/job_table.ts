import { Duration } from 'luxon'
import { describeSchedule, type JobDefinition } from '#core/services/job_schedule'

/** The lock time as operators read it: "20 min", or "none (every instance)". */
export function describeLock(definition: JobDefinition) {
  if (definition.lock === null) return 'none: runs on every instance'
  return `${Duration.fromDurationLike(definition.lock).as('minutes')} min`
}

/** The jobs table of docs/OPERATIONS.md (`node ace jobs:table` prints it; a test compares). */
export function jobsMarkdownTable(definitions: JobDefinition[]) {
  return [
    '| job | when | lock | what |',
    '|---|---|---|---|',
    ...definitions.map(
      (job) =>
        `| ${job.name} | ${describeSchedule(job.schedule)} | ${describeLock(job)} | ${job.what} |`
    ),
  ].join('\n')
}
