import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

async function closeConnections() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: mail } = await import('@adonisjs/mail/services/main')
  await mail.closeAll()
  await db.manager.closeAll()
}

/**
 * Sends the outbox: one worker. Several may run at once, on one machine or
 * many. The scheduler (`node ace scheduler:work`) runs a worker every
 * minute; this command is for draining a backlog by hand or in a benchmark.
 */
export default class WorkOutbox extends BaseCommand {
  static commandName = 'outbox:work'
  static description = 'Send due messages from the outbox (until it is empty with --until-empty)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Stop when no due message is left' })
  declare untilEmpty: boolean

  async run() {
    const { drainOutbox } = await import('#messaging/services/outbox_worker')
    // SIGTERM (a deploy, systemd, Kubernetes): claim no more, finish the messages
    // in flight, give the rest of the batch back, and exit, leaving nothing in
    // 'sending' to wait out a ten-minute lease.
    let stopping = false
    let wake = () => {}
    const stop = () => {
      stopping = true
      wake()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
    let total = 0
    try {
      do {
        const sent = await drainOutbox({ stopping: () => stopping })
        total += sent
        if (!sent && !this.untilEmpty && !stopping) {
          await new Promise<void>((resolve) => {
            wake = resolve
            setTimeout(resolve, 5000)
          })
        }
      } while (!this.untilEmpty && !stopping)
    } finally {
      process.off('SIGTERM', stop)
      process.off('SIGINT', stop)
    }
    this.logger.info(`${total} message(s) handled${stopping ? ' (stopped by a signal)' : ''}`)
    // The signal also began the app's own shutdown while the batch was given
    // back; close what that left open (it ran first), so the process can end.
    if (stopping) await closeConnections()
  }
}
