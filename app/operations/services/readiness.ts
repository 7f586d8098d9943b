import { DiskSpaceCheck, HealthChecks, MemoryHeapCheck } from '@adonisjs/core/health'
import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { messagingHealthChecks } from '#messaging/services/outbox_health'

/** Facts a check may show publicly: counts and times, nothing else. */
const PUBLIC_FACTS = ['dead', 'stuckSending', 'lastRunAt'] as const

/* Made for each report: a DbCheck keeps the query client it is given. */
const checks = () =>
  new HealthChecks().register([
    new DiskSpaceCheck().warnWhenExceeds(80).failWhenExceeds(90),
    // Of V8's heap limit (--max-old-space-size), not the check's fixed 250/300 MB.
    new MemoryHeapCheck().warnWhenExceedsPercentage(80).failWhenExceedsPercentage(90),
    new DbCheck(db.connection('registry')),
    ...messagingHealthChecks(),
  ])

/**
 * The readiness report without what the health checks' own report carries
 * (process ids, versions, database error texts that may name a host or a
 * user): each check's name, status and message, and the outbox facts.
 */
export async function readiness() {
  const report = await checks().run()
  return {
    healthy: report.isHealthy,
    status: report.status,
    checks: report.checks.map((check) => ({
      name: check.name,
      status: check.status,
      message: check.meta?.error ? 'Check failed' : check.message,
      ...Object.fromEntries(
        PUBLIC_FACTS.filter((fact) => check.meta && fact in check.meta).map((fact) => [
          fact,
          check.meta![fact],
        ])
      ),
    })),
  }
}
