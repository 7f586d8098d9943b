import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

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
    // The app's own listeners (bin/ignitor.ts) would close the database while
    // the batch is handed back: set aside while this runs. Ace terminates the
    // app once the command returns.
    const appListeners = {
      SIGTERM: process.listeners('SIGTERM'),
      SIGINT: process.listeners('SIGINT'),
    }
    process.removeAllListeners('SIGTERM').removeAllListeners('SIGINT')
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
      for (const [signal, listeners] of Object.entries(appListeners)) {
        for (const listener of listeners) process.on(signal, listener)
      }
    }
    this.logger.info(`${total} message(s) handled${stopping ? ' (stopped by a signal)' : ''}`)
  }
}
