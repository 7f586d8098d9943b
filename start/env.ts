/*
| Validates the environment at boot. Every variable is documented in .env.example.
*/
import { Env } from '@adonisjs/core/env'
import {
  CHECKED_SETTINGS,
  productionSettingProblems,
  WrongProductionSettingsException,
} from '#core/services/production_settings'

const env = await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.string(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  TRUSTED_PROXIES: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  METRICS_TOKEN: Env.schema.string.optional(),

  SESSION_DRIVER: Env.schema.enum(['database', 'cookie', 'memory'] as const),

  DB_ENGINE: Env.schema.enum(['sqlite', 'mysql'] as const),
  DB_SQLITE_DIR: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_REGISTRY_DATABASE: Env.schema.string.optional(),
  DB_OMAKAIKU_DATABASE: Env.schema.string.optional(),

  MAIL_TRANSPORT: Env.schema.enum(['smtp', 'log'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string(),
  FEEDBACK_EMAIL: Env.schema.string.optional({ format: 'email' }),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_POOL: Env.schema.boolean.optional(),

  LIMITER_STORE: Env.schema.enum(['database', 'memory'] as const),
  LOCK_STORE: Env.schema.enum.optional(['database', 'memory'] as const),

  SMS_TRANSPORT: Env.schema.enum.optional(['twilio', 'log'] as const),
  TWILIO_ACCOUNT_SID: Env.schema.string.optional(),
  TWILIO_AUTH_TOKEN: Env.schema.string.optional(),
  TWILIO_FROM_NUMBER: Env.schema.string.optional(),
  TWILIO_MESSAGING_SERVICE_SID: Env.schema.string.optional(),
  TWILIO_API_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  TWILIO_TIMEOUT_MS: Env.schema.number.optional(),
  MESSAGING_QUIET_HOURS: Env.schema.string.optional(),
  MESSAGING_DAILY_CAMPAIGNS: Env.schema.number.optional(),

  // Development only (production refuses it): bench/usage-registration's floor routes.
  BENCH_FLOOR_ROUTES: Env.schema.string.optional(),
})

/*
| Production refuses settings meant for development and tests. Checked here,
| not in bin/server.ts: bin/ignitor.ts imports this file when any process
| boots (the web server, and every ace command that starts the app, such as
| migration:run, scheduler:work and outbox:work), before a config file reads
| a setting or a connection opens.
*/
const problems = productionSettingProblems(
  Object.fromEntries(CHECKED_SETTINGS.map((name) => [name, env.get(name)]))
)
if (problems.length) throw new WrongProductionSettingsException(problems)

export default env
