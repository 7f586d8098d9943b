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
    let total = 0
    do {
      const sent = await drainOutbox()
      total += sent
      if (!sent && !this.untilEmpty) await new Promise((resolve) => setTimeout(resolve, 5000))
    } while (!this.untilEmpty)
    this.logger.info(`${total} message(s) handled`)
  }
}
