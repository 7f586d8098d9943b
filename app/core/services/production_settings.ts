import { Exception } from '@adonisjs/core/exceptions'

/*
| Settings that are right for development and tests (SQLite, memory stores,
| mail and SMS to the log) but wrong in production, where they would lose
| sessions, throttle and lock per process, or drop every message while
| counting it as sent. start/env.ts refuses to boot in production while any
| of them holds. docs/OPERATIONS.md ("Settings checked at boot") lists them.
*/
export const CHECKED_SETTINGS = [
  'NODE_ENV',
  'APP_KEY',
  'DB_ENGINE',
  'DB_HOST',
  'DB_USER',
  'DB_REGISTRY_DATABASE',
  'DB_OMAKAIKU_DATABASE',
  'SESSION_DRIVER',
  'LIMITER_STORE',
  'LOCK_STORE',
  'MAIL_TRANSPORT',
  'SMTP_HOST',
  'SMS_TRANSPORT',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_MESSAGING_SERVICE_SID',
  'TWILIO_FROM_NUMBER',
  'TWILIO_API_URL',
  'BENCH_FLOOR_ROUTES',
] as const

export type CheckedSettings = Partial<Record<(typeof CHECKED_SETTINGS)[number], string>>

/** At least as long as the key `node ace generate:key` makes. */
export const MIN_APP_KEY_LENGTH = 32

const isSet = (value: string | undefined) => Boolean(value?.trim())

/**
 * What is wrong with these settings for production, one plain sentence per
 * problem saying what to set instead; empty when nothing is, and always
 * empty outside production.
 */
export function productionSettingProblems(values: CheckedSettings): string[] {
  if (values.NODE_ENV !== 'production') return []
  const problems: string[] = []

  const mustBe = (name: keyof CheckedSettings, expected: string, why: string) => {
    const value = values[name]
    if (value === expected) return
    const now = isSet(value) ? `is ${value}` : 'is not set'
    problems.push(`${name} ${now}: ${why}; set ${name}=${expected}.`)
  }
  const required = (name: keyof CheckedSettings, what: string) => {
    if (!isSet(values[name])) problems.push(`${name} is not set: set it to ${what}.`)
  }

  const appKeyLength = values.APP_KEY?.length ?? 0
  if (appKeyLength < MIN_APP_KEY_LENGTH) {
    problems.push(
      `APP_KEY is ${appKeyLength} characters long: cookies and sessions need a random key of at least ${MIN_APP_KEY_LENGTH} characters; make one with node ace generate:key.`
    )
  }

  mustBe('DB_ENGINE', 'mysql', 'production runs on MySQL/MariaDB, not on SQLite files')
  required('DB_HOST', "the MySQL/MariaDB server's address")
  required('DB_USER', 'the MySQL/MariaDB user the app connects as')
  required('DB_REGISTRY_DATABASE', "the registry's database (for example kaikukanta)")
  required('DB_OMAKAIKU_DATABASE', "OmaKaiku's own database (for example omakaiku)")

  mustBe(
    'SESSION_DRIVER',
    'database',
    'sessions must be kept in the database, shared by every instance, so that signing out or a new password ends them (a cookie cannot be recalled, memory is lost on restart)'
  )
  mustBe(
    'LIMITER_STORE',
    'database',
    'sign-in throttling must count across all instances and restarts'
  )
  mustBe(
    'LOCK_STORE',
    'database',
    'each scheduled job must run once at a time across all instances'
  )

  mustBe('MAIL_TRANSPORT', 'smtp', 'e-mail must be sent, not only written to the log')
  required('SMTP_HOST', "the SMTP server's address")

  mustBe(
    'SMS_TRANSPORT',
    'twilio',
    'without Twilio no SMS leaves, yet every one is counted as sent'
  )
  required('TWILIO_ACCOUNT_SID', 'the Twilio account SID')
  required('TWILIO_AUTH_TOKEN', "the Twilio auth token (it also checks Twilio's webhooks)")
  if (!isSet(values.TWILIO_MESSAGING_SERVICE_SID) && !isSet(values.TWILIO_FROM_NUMBER)) {
    problems.push(
      'Neither TWILIO_MESSAGING_SERVICE_SID nor TWILIO_FROM_NUMBER is set: set one of them, so SMS have a sender.'
    )
  }
  if (isSet(values.TWILIO_API_URL)) {
    problems.push(
      'TWILIO_API_URL is set: it sends SMS to a stand-in for Twilio (tests and benchmarks only); leave it unset.'
    )
  }
  if (isSet(values.BENCH_FLOOR_ROUTES)) {
    problems.push(
      "BENCH_FLOOR_ROUTES is set: it adds the usage bench's measuring routes (bench/floor_routes.ts), which register uses without the app's rules; leave it unset."
    )
  }

  return problems
}

/** Thrown at boot in production while any setting is wrong; printed like a failed env validation. */
export class WrongProductionSettingsException extends Exception {
  static code = 'E_WRONG_PRODUCTION_SETTINGS'

  constructor(readonly problems: string[]) {
    const count = problems.length === 1 ? 'one setting is' : `${problems.length} settings are`
    super(`Kaikukanta does not start in production: ${count} wrong (what to set instead below)`)
    this.help = problems.map((problem) => `- ${problem}`).join('\n')
  }
}
