import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import User from '#registry/models/user'
import type Account from '#omakaiku/models/account'
import { createUser, PASSWORD } from '#tests/helpers/fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

/*
| Sign-in throttling on the store production uses (rate_limits in the
| database), not the memory store of the other tests. No global transaction:
| the limiter writes on its own connection, as it does in production, so the
| rows are removed after each test.
*/
test.group('Sign-in throttling on the database store', (group) => {
  group.setup(() => {
    const before = env.get('LIMITER_STORE')
    env.set('LIMITER_STORE', 'database')
    return () => env.set('LIMITER_STORE', before)
  })
  group.each.teardown(async () => {
    await db.connection('registry').from('rate_limits').delete()
    await db.connection('omakaiku').from('rate_limits').delete()
  })

  /** Counts the passwords checked while `run` goes, through the model's own check. */
  async function countChecks<T>(model: typeof User | typeof Account, run: () => Promise<T>) {
    const original = model.verifyCredentials
    let checked = 0
    model.verifyCredentials = async function (this: any, ...args: any[]) {
      checked++
      return original.apply(this, args as [string, string])
    } as typeof original
    try {
      await run()
    } finally {
      model.verifyCredentials = original
    }
    return checked
  }

  test('20 simultaneous wrong passwords for one staff account: at most 5 are checked', async ({
    client,
    assert,
  }) => {
    const user = await createUser('admin')
    try {
      const attempt = () =>
        client
          .post(urlFor('session.store'))
          .form({ email: user.email, password: 'wrong password!!' })
          .withCsrfToken()
          .redirects(0)
      const checked = await countChecks(User, () =>
        Promise.all(Array.from({ length: 20 }, attempt))
      )
      assert.isAtMost(checked, 5)
      assert.isAtLeast(checked, 1)
      // The right password is refused too until the lock ends, with the reason.
      const locked = await client
        .post(urlFor('session.store'))
        .form({ email: user.email, password: PASSWORD })
        .withCsrfToken()
      locked.assertTextIncludes('Liian monta epäonnistunutta kirjautumista')
    } finally {
      await user.delete()
    }
  })

  test('a right password gives its attempt back: only failures count', async ({ client }) => {
    const user = await createUser('admin')
    try {
      for (let round = 0; round < 8; round++) {
        const response = await client
          .post(urlFor('session.store'))
          .form({ email: user.email, password: PASSWORD })
          .withCsrfToken()
          .redirects(0)
        response.assertHeader('location', urlFor('home.show'))
      }
    } finally {
      await user.delete()
    }
  })
})
