import { test } from '@japa/runner'
import { productionSettingProblems, type CheckedSettings } from '#core/services/production_settings'

const PRODUCTION: CheckedSettings = {
  NODE_ENV: 'production',
  APP_KEY: 'k'.repeat(32),
  DB_ENGINE: 'mysql',
  DB_HOST: 'db.internal',
  DB_USER: 'kaikukanta',
  DB_REGISTRY_DATABASE: 'kaikukanta',
  DB_OMAKAIKU_DATABASE: 'omakaiku',
  SESSION_DRIVER: 'database',
  LIMITER_STORE: 'database',
  LOCK_STORE: 'database',
  MAIL_TRANSPORT: 'smtp',
  SMTP_HOST: 'smtp.internal',
  SMS_TRANSPORT: 'twilio',
  TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32),
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_MESSAGING_SERVICE_SID: 'MG' + '0'.repeat(32),
}

/** The problems of the valid production settings with these changed (undefined: not set). */
const problemsWith = (changes: CheckedSettings) =>
  productionSettingProblems({ ...PRODUCTION, ...changes })

test.group('Settings checked at boot in production', () => {
  test('a complete production setting has no problems', ({ assert }) => {
    assert.deepEqual(productionSettingProblems(PRODUCTION), [])
    assert.deepEqual(
      problemsWith({
        TWILIO_MESSAGING_SERVICE_SID: undefined,
        TWILIO_FROM_NUMBER: '+358500000000',
      }),
      []
    )
  })

  test('{name} gives its own sentence')
    .with([
      {
        name: 'SQLite',
        changes: { DB_ENGINE: 'sqlite' },
        sentence:
          'DB_ENGINE is sqlite: production runs on MySQL/MariaDB, not on SQLite files; set DB_ENGINE=mysql.',
      },
      {
        name: 'a missing DB_HOST',
        changes: { DB_HOST: undefined },
        sentence: "DB_HOST is not set: set it to the MySQL/MariaDB server's address.",
      },
      {
        name: 'a missing DB_USER',
        changes: { DB_USER: '' },
        sentence: 'DB_USER is not set: set it to the MySQL/MariaDB user the app connects as.',
      },
      {
        name: 'a missing DB_REGISTRY_DATABASE',
        changes: { DB_REGISTRY_DATABASE: undefined },
        sentence:
          "DB_REGISTRY_DATABASE is not set: set it to the registry's database (for example kaikukanta).",
      },
      {
        name: 'a missing DB_OMAKAIKU_DATABASE',
        changes: { DB_OMAKAIKU_DATABASE: ' ' },
        sentence:
          "DB_OMAKAIKU_DATABASE is not set: set it to OmaKaiku's own database (for example omakaiku).",
      },
      {
        name: 'memory sessions',
        changes: { SESSION_DRIVER: 'memory' },
        sentence:
          'SESSION_DRIVER is memory: sessions must be kept in the database, shared by every instance, so that signing out or a new password ends them (a cookie cannot be recalled, memory is lost on restart); set SESSION_DRIVER=database.',
      },
      {
        name: 'cookie sessions',
        changes: { SESSION_DRIVER: 'cookie' },
        sentence:
          'SESSION_DRIVER is cookie: sessions must be kept in the database, shared by every instance, so that signing out or a new password ends them (a cookie cannot be recalled, memory is lost on restart); set SESSION_DRIVER=database.',
      },
      {
        name: 'the memory limiter',
        changes: { LIMITER_STORE: 'memory' },
        sentence:
          'LIMITER_STORE is memory: sign-in throttling must count across all instances and restarts; set LIMITER_STORE=database.',
      },
      {
        name: 'memory locks',
        changes: { LOCK_STORE: 'memory' },
        sentence:
          'LOCK_STORE is memory: each scheduled job must run once at a time across all instances; set LOCK_STORE=database.',
      },
      {
        name: 'a missing LOCK_STORE',
        changes: { LOCK_STORE: undefined },
        sentence:
          'LOCK_STORE is not set: each scheduled job must run once at a time across all instances; set LOCK_STORE=database.',
      },
      {
        name: 'mail to the log',
        changes: { MAIL_TRANSPORT: 'log' },
        sentence:
          'MAIL_TRANSPORT is log: e-mail must be sent, not only written to the log; set MAIL_TRANSPORT=smtp.',
      },
      {
        name: 'SMTP without a host',
        changes: { SMTP_HOST: undefined },
        sentence: "SMTP_HOST is not set: set it to the SMTP server's address.",
      },
      {
        name: 'a missing SMS_TRANSPORT',
        changes: { SMS_TRANSPORT: undefined },
        sentence:
          'SMS_TRANSPORT is not set: without Twilio no SMS leaves, yet every one is counted as sent; set SMS_TRANSPORT=twilio.',
      },
      {
        name: 'SMS to the log',
        changes: { SMS_TRANSPORT: 'log' },
        sentence:
          'SMS_TRANSPORT is log: without Twilio no SMS leaves, yet every one is counted as sent; set SMS_TRANSPORT=twilio.',
      },
      {
        name: 'a missing TWILIO_ACCOUNT_SID',
        changes: { TWILIO_ACCOUNT_SID: undefined },
        sentence: 'TWILIO_ACCOUNT_SID is not set: set it to the Twilio account SID.',
      },
      {
        name: 'a missing TWILIO_AUTH_TOKEN',
        changes: { TWILIO_AUTH_TOKEN: undefined },
        sentence:
          "TWILIO_AUTH_TOKEN is not set: set it to the Twilio auth token (it also checks Twilio's webhooks).",
      },
      {
        name: 'SMS without a sender',
        changes: { TWILIO_MESSAGING_SERVICE_SID: undefined, TWILIO_FROM_NUMBER: undefined },
        sentence:
          'Neither TWILIO_MESSAGING_SERVICE_SID nor TWILIO_FROM_NUMBER is set: set one of them, so SMS have a sender.',
      },
      {
        name: 'TWILIO_API_URL',
        changes: { TWILIO_API_URL: 'http://127.0.0.1:2527' },
        sentence:
          'TWILIO_API_URL is set: it sends SMS to a stand-in for Twilio (tests and benchmarks only); leave it unset.',
      },
      {
        name: 'BENCH_FLOOR_ROUTES',
        changes: { BENCH_FLOOR_ROUTES: 'true' },
        sentence:
          "BENCH_FLOOR_ROUTES is set: it adds the usage bench's measuring routes (bench/floor_routes.ts), which register uses without the app's rules; leave it unset.",
      },
      {
        name: 'a short APP_KEY',
        changes: { APP_KEY: 'k'.repeat(31) },
        sentence:
          'APP_KEY is 31 characters long: cookies and sessions need a random key of at least 32 characters; make one with node ace generate:key.',
      },
    ] satisfies { name: string; changes: CheckedSettings; sentence: string }[])
    .run(({ assert }, { changes, sentence }) => {
      assert.deepEqual(problemsWith(changes), [sentence])
    })

  test('several wrong settings give every sentence, not only the first', ({ assert }) => {
    const problems = problemsWith({
      APP_KEY: 'short',
      DB_ENGINE: 'sqlite',
      SESSION_DRIVER: 'memory',
      LIMITER_STORE: 'memory',
      LOCK_STORE: undefined,
      MAIL_TRANSPORT: 'log',
      SMS_TRANSPORT: 'log',
      TWILIO_API_URL: 'http://127.0.0.1:2527',
    })
    assert.deepEqual(
      problems.map((problem) => problem.split(' ')[0]),
      [
        'APP_KEY',
        'DB_ENGINE',
        'SESSION_DRIVER',
        'LIMITER_STORE',
        'LOCK_STORE',
        'MAIL_TRANSPORT',
        'SMS_TRANSPORT',
        'TWILIO_API_URL',
      ]
    )
  })

  test('the key itself is never repeated in a sentence', ({ assert }) => {
    const [problem] = problemsWith({ APP_KEY: 'secret-but-short' })
    assert.notInclude(problem, 'secret-but-short')
  })

  test('{name} is not checked: SQLite, memory stores and log transports are meant there')
    .with([
      { name: 'NODE_ENV=development', nodeEnv: 'development' },
      { name: 'NODE_ENV=test', nodeEnv: 'test' },
      { name: 'a missing NODE_ENV', nodeEnv: undefined },
    ])
    .run(({ assert }, { nodeEnv }) => {
      assert.deepEqual(
        productionSettingProblems({
          NODE_ENV: nodeEnv,
          APP_KEY: 'short',
          DB_ENGINE: 'sqlite',
          SESSION_DRIVER: 'memory',
          LIMITER_STORE: 'memory',
          LOCK_STORE: 'memory',
          MAIL_TRANSPORT: 'log',
          SMS_TRANSPORT: 'log',
          TWILIO_API_URL: 'http://127.0.0.1:2527',
        }),
        []
      )
    })
})
