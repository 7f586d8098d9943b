import limiter from '@adonisjs/limiter/services/main'

/*
| Failed sign-ins are counted per account and per IP address. An account is
| locked for 15 minutes after 5 failures, an address after 30 (an office
| behind one address has many honest users).
*/
const perAccount = () => limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })
const perAddress = () =>
  limiter.use({ requests: 30, duration: '15 mins', blockDuration: '15 mins' })

const accountKey = (email: string) => `sign_in:account:${email.trim().toLowerCase()}`
const addressKey = (ip: string) => `sign_in:ip:${ip}`

/** Seconds until sign-in is allowed again, or 0 when it is allowed now. */
export async function signInBlockedFor(email: string, ip: string): Promise<number> {
  const [account, address] = [perAccount(), perAddress()]
  const waits = await Promise.all([
    (await account.isBlocked(accountKey(email))) ? account.availableIn(accountKey(email)) : 0,
    (await address.isBlocked(addressKey(ip))) ? address.availableIn(addressKey(ip)) : 0,
  ])
  return Math.max(...waits)
}

export async function recordFailedSignIn(email: string, ip: string) {
  await Promise.all([
    perAccount().increment(accountKey(email)),
    perAddress().increment(addressKey(ip)),
  ])
}

export async function clearFailedSignIns(email: string) {
  await perAccount().delete(accountKey(email))
}
