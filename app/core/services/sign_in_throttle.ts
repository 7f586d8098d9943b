import { errors } from '@adonisjs/limiter'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'

/*
| Failed sign-ins are counted per account and per IP address. An account is
| locked for 15 minutes after 5 failures, an address after 30 (an office
| behind one address has many honest users). Staff and cardholders are
| counted apart, each in their own store: a cardholder's counter is keyed by
| their e-mail address, so it lives on the omakaiku connection.
*/
type Realm = 'staff' | 'holder'

const storeOf = (realm: Realm) =>
  env.get('LIMITER_STORE') === 'memory'
    ? 'memory'
    : realm === 'staff'
      ? 'database'
      : 'holderDatabase'

export class SignInThrottle {
  constructor(private realm: Realm) {}

  #perAccount() {
    return limiter.use(storeOf(this.realm), {
      requests: 5,
      duration: '15 mins',
      blockDuration: '15 mins',
    })
  }

  #perAddress() {
    return limiter.use(storeOf(this.realm), {
      requests: 30,
      duration: '15 mins',
      blockDuration: '15 mins',
    })
  }

  #accountKey(email: string) {
    return `${this.realm}:sign_in:account:${email.trim().toLowerCase()}`
  }

  #addressKey(ip: string) {
    return `${this.realm}:sign_in:ip:${ip}`
  }

  /**
   * Takes one attempt from the account's and the address's allowance before
   * the password is checked. The store counts atomically, so simultaneous
   * guesses cannot all pass a check made before any of them was counted.
   * Returns the seconds until sign-in is allowed again, or 0 when this
   * attempt may go ahead.
   */
  async take(email: string, ip: string): Promise<number> {
    const account = this.#perAccount()
    const accountKey = this.#accountKey(email)
    const refused = await waitOf(() => account.consume(accountKey))
    if (refused) return refused
    const addressRefused = await waitOf(() => this.#perAddress().consume(this.#addressKey(ip)))
    // Refused by the address: the account's attempt was not used.
    if (addressRefused) await account.decrement(accountKey)
    return addressRefused
  }

  /** A right password: only failures count, so its attempts are given back. */
  async succeeded(email: string, ip: string) {
    await Promise.all([
      this.#perAccount().delete(this.#accountKey(email)),
      this.#perAddress().decrement(this.#addressKey(ip)),
    ])
  }
}

/** Seconds to wait when the limiter refuses, 0 when it allows. */
async function waitOf(consume: () => Promise<unknown>) {
  try {
    await consume()
    return 0
  } catch (error) {
    if (error instanceof errors.E_TOO_MANY_REQUESTS) return Math.max(1, error.response.availableIn)
    throw error
  }
}

export const staffSignIns = new SignInThrottle('staff')
export const holderSignIns = new SignInThrottle('holder')

/**
 * Links by e-mail (password reset) are rationed so a form cannot flood a
 * mailbox: three an hour to one address, twenty an hour from one IP address.
 * Returns false when this request comes too often.
 */
export async function mailLinkAllowed(realm: Realm, email: string, ip: string) {
  const store = storeOf(realm)
  const perAddress = limiter.use(store, { requests: 3, duration: '1 hour' })
  const perOrigin = limiter.use(store, { requests: 20, duration: '1 hour' })
  const address = email.trim().toLowerCase()
  const allowed = await perOrigin.attempt(`${realm}:password_reset:ip:${ip}`, () =>
    perAddress.attempt(`${realm}:password_reset:address:${address}`, () => true)
  )
  return Boolean(allowed)
}
