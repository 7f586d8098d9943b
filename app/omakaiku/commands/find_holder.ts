import { args, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Prints, as one line of JSON, the OmaKaiku account with this e-mail address
 * and its card as the app finds them (the account on the omakaiku
 * connection, the card through the registry's holder service). The restore
 * drill (scripts/restore-drill.sh) compares its output before a backup and
 * after the restore. Exits with 1 when either is not found.
 */
export default class FindHolder extends BaseCommand {
  static commandName = 'omakaiku:find-holder'
  static description = 'Print the OmaKaiku account with this e-mail and its card, as JSON'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: "The account's e-mail address" })
  declare email: string

  async run() {
    const { default: Account } = await import('#omakaiku/models/account')
    const { holderCard } = await import('#registry/services/holder_card')
    const account = await Account.findBy('email', this.email)
    if (!account) {
      this.logger.error(`no OmaKaiku account with the e-mail ${this.email}`)
      this.exitCode = 1
      return
    }
    const card = await holderCard(account.cardCode).catch(() => null)
    if (!card) {
      this.logger.error(`the account ${account.id} points to no card`)
      this.exitCode = 1
      return
    }
    console.log(
      JSON.stringify({
        account: {
          id: account.id,
          email: account.email,
          activatedAt: account.activatedAt?.toISO() ?? null,
        },
        card: {
          code: card.code,
          type: card.type,
          issuedOn: card.issuedOn.toISODate(),
          validUntil: card.validUntil.toISODate(),
          state: card.state,
          distributorName: card.distributorName,
        },
      })
    )
  }
}
