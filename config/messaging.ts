import env from '#start/env'

/** Parses "21:00-08:00" into minutes after midnight, Finnish time. */
function quietHours(value: string) {
  const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(value.trim())
  if (!match) throw new Error(`MESSAGING_QUIET_HOURS must look like 21:00-08:00, not "${value}"`)
  const [, fromHour, fromMinute, toHour, toMinute] = match.map(Number)
  return { from: fromHour * 60 + fromMinute, to: toHour * 60 + toMinute }
}

/*
| Messages to cardholders: the outbox worker's pace and patience, the quiet
| hours for SMS, and what staff may send.
*/
const messagingConfig = {
  /** No SMS leaves in this window (minutes after midnight, Europe/Helsinki); they wait. */
  quietHours: quietHours(env.get('MESSAGING_QUIET_HOURS', '21:00-08:00')),
  /** Attempts before a message is dead (kept for an admin to retry). */
  maxAttempts: 6,
  /** First retry after about this long; each later one waits twice as long, with jitter. */
  retryBaseSeconds: 60,
  retryMaxSeconds: 6 * 60 * 60,
  /**
   * Rows one worker claims at a time, how many messages it has under way at
   * once, and the SMTP connections it keeps open for them (config/mail.ts,
   * with SMTP_POOL). An SMTP message takes a few round trips: ten
   * connections keep the e-mail half of forty under way moving.
   */
  batchSize: 100,
  concurrency: 40,
  smtpConnections: 10,
  /** A channel whose provider refused our credentials is tried again after this long. */
  channelPauseSeconds: 5 * 60,
  /** A claimed row whose worker vanished is taken again after this long. */
  leaseSeconds: 10 * 60,
  /** Staff messages (campaigns) per sender per day: an organisation, an area's coordinators, the national centre. */
  dailyCampaigns: env.get('MESSAGING_DAILY_CAMPAIGNS', 3),
  sms: {
    transport: env.get('SMS_TRANSPORT', 'log'),
    accountSid: env.get('TWILIO_ACCOUNT_SID', ''),
    authToken: env.get('TWILIO_AUTH_TOKEN', ''),
    fromNumber: env.get('TWILIO_FROM_NUMBER'),
    messagingServiceSid: env.get('TWILIO_MESSAGING_SERVICE_SID'),
    /** Tests and benchmarks only: a loopback server that speaks Twilio's API. */
    apiUrl: env.get('TWILIO_API_URL'),
    /** Give up on one API call after this long (it is then retried later). */
    timeoutMs: env.get('TWILIO_TIMEOUT_MS', 10_000),
  },
}

export default messagingConfig
