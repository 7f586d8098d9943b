import { mkdir } from 'node:fs/promises'
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { browserClient } from '@japa/browser-client'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { launchChromium } from '#tests/helpers/chromium'
import { loginWaitsForSession } from '#tests/helpers/browser_login'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import env from '#start/env'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app, { baseURL: `http://${env.get('HOST')}:${env.get('PORT')}` }),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({ runInSuites: ['browser'], launcher: launchChromium }),
  sessionBrowserClient(app),
  authBrowserClient(app),
  // After the two above: loginAs returns once the session and its cookie are in place.
  loginWaitsForSession(),
]

/*
| Both connections are migrated before the run and rolled back after it.
| On MariaDB the suite uses its own *_test databases (.env.test). All mail
| is sent over SMTP to a loopback server that the tests can read, and every
| SMS through the twilio client to a loopback fake of Twilio's API.
*/
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      await mkdir(app.makePath('tmp/test'), { recursive: true })
    },
    () => testUtils.db('registry').migrate(),
    () => testUtils.db('omakaiku').migrate(),
    // Mail goes through the real SMTP transport to a loopback SMTP server.
    async () => {
      fakeSmtp.expectCredentials(env.get('SMTP_USERNAME', ''), env.get('SMTP_PASSWORD', ''))
      await fakeSmtp.start(env.get('SMTP_PORT', 2526))
      return () => fakeSmtp.stop()
    },
    // SMS go through the real twilio client to a loopback server that speaks Twilio's API.
    async () => {
      fakeTwilio.expectCredentials(
        env.get('TWILIO_ACCOUNT_SID', ''),
        env.get('TWILIO_AUTH_TOKEN', '')
      )
      await fakeTwilio.start(Number(new URL(env.get('TWILIO_API_URL')!).port))
      return () => fakeTwilio.stop()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
