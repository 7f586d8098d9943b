import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sends the daily bulletin digests. Run once a day (cron or the scheduler);
 * a second run the same day sends nothing new.
 */
export default class SendBulletinDigests extends BaseCommand {
  static commandName = 'bulletin:send-digests'
  static description = 'Send each staff user who chose it a digest of unread bulletin posts'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: BulletinMailer } = await import('#bulletin/services/bulletin_mailer')
    const sent = await new BulletinMailer().sendDigests()
    this.logger.info(`${sent} digest(s) sent`)
  }
}
