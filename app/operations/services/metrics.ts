import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { jobRunSummaries, outboxCounts } from '#messaging/services/outbox_health'

/*
| Every Prometheus metric of the app, in one registry, fed by the small
| functions below: `observeRequest` from the access log, `countRefusal` from
| usage's `use:refused` event (start/events.ts). The
| outbox and job gauges are read from the database at scrape time: the jobs
| run in the scheduler process, not in the web process that is scraped.
| Labels are never card codes, accounts, addresses or raw URLs.
*/
const registry = new Registry()

const requestDuration = new Histogram({
  name: 'kaikukanta_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

const refusals = new Counter({
  name: 'kaikukanta_registration_refusals_total',
  help: 'Refused registrations of a card use, by reason',
  labelNames: ['reason'] as const,
  registers: [registry],
})

new Gauge({
  name: 'kaikukanta_outbox_messages',
  help: 'Outbox messages by state and channel',
  labelNames: ['state', 'channel'] as const,
  registers: [registry],
  async collect() {
    this.reset()
    for (const row of await outboxCounts()) {
      this.set({ state: row.status, channel: row.channel }, row.total)
    }
  },
})

new Gauge({
  name: 'kaikukanta_job_runs',
  help: 'Recorded runs of each scheduled job by outcome (runs are kept 90 days)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
  async collect() {
    this.reset()
    for (const row of await jobRunSummaries()) {
      this.set({ job: row.job, outcome: row.outcome }, row.runs)
    }
  },
})

new Gauge({
  name: 'kaikukanta_job_last_duration_seconds',
  help: 'Duration of the last finished run of each scheduled job, by outcome',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
  async collect() {
    this.reset()
    for (const row of await jobRunSummaries()) {
      if (row.lastDurationMs === null) continue
      this.set({ job: row.job, outcome: row.outcome }, row.lastDurationMs / 1000)
    }
  },
})

export function observeRequest(
  labels: { method: string; route: string; status: number },
  durationMs: number
) {
  const { method, route, status } = labels
  requestDuration.observe({ method, route, status: String(status) }, durationMs / 1000)
}

/** A registration refused; `reason` is the refusal's key, e.g. `ended` or `series_used_up`. */
export function countRefusal(reason: string) {
  refusals.inc({ reason })
}

export async function metricsText() {
  return { contentType: registry.contentType, body: await registry.metrics() }
}
