import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import router from '@adonisjs/core/services/router'
import i18nManager from '@adonisjs/i18n/services/main'
import { mailLogEntry } from '#core/mail/log_transport'
import { withoutLinkSecrets } from '#core/services/contact_masking'
import { sendPasswordResetLink } from '#registry/services/password_reset'
import { sendAccountLink } from '#omakaiku/services/account_links'
import { renderMessage } from '#messaging/services/message_content'
import { unsubscribeUrl } from '#messaging/services/outbox_worker'
import { sendEmail } from '#messaging/transports/email_transport'
import BulletinMailer from '#bulletin/services/bulletin_mailer'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createHolder } from '#tests/helpers/holder'
import env from '#start/env'

const APP_URL = env.get('APP_URL')

/** The links the development mail log shows for each mail the app sent while `send` ran. */
async function loggedLinks(send: () => Promise<unknown>) {
  const fake = mail.fake()
  try {
    await send()
    return fake.messages.sent().map((message) => ({
      text: String(message.toJSON().message.text),
      entry: mailLogEntry(message.toJSON().message),
    }))
  } finally {
    mail.restore()
  }
}

test.group('The development mail log', (group) => {
  // Signed links need the routes, which only a started HTTP server commits.
  group.setup(() => router.commit())
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test("a holder message's one-click unsubscribe link keeps its path, not its signature", async ({
    assert,
  }) => {
    const [sent] = await loggedLinks(() =>
      sendEmail({
        outboxId: 1,
        to: 'aino.holder@example.fi',
        locale: 'fi',
        content: renderMessage(
          'ticket_reminder',
          {
            title: 'Kevätuhri',
            startsAt: '2026-12-02T17:00:00.000Z',
            venue: 'Tampereen Teatteri',
            location: 'Iso näyttämö',
          },
          'fi'
        ),
        unsubscribeUrl: unsubscribeUrl(12, 'ticket_reminder'),
      })
    )
    assert.match(sent.text, /\/oma\/unsubscribe\/12\/ticket_reminder\?signature=[^\s[]{20,}/)
    assert.deepEqual(sent.entry.links, [
      `${APP_URL}/oma/events`,
      `${APP_URL}/oma/unsubscribe/12/ticket_reminder?signature=[hidden]`,
    ])
    assert.equal(sent.entry.to, '["a…@example.fi"]')
  })

  test("a bulletin mail's unsubscribe link keeps its path, not its signature", ({ assert }) => {
    const link = new BulletinMailer().unsubscribeLink(7)
    const text = `Uusi tiedote\n\n${i18nManager.locale('sv').t('bulletin.mail.unsubscribe', { link })}\n`
    assert.include(link, '?signature=')
    const [logged] = mailLogEntry({ to: ['staff@example.fi'], subject: 'Tiedote', text }).links
    assert.equal(logged, `${new URL(link).origin}/bulletin/unsubscribe/7?signature=[hidden]`)
  })

  test('a staff password reset link keeps its path, not its token', async ({ assert }) => {
    const user = await createUser('distributor')
    const [sent] = await loggedLinks(() => sendPasswordResetLink(user.email, 'en', '127.0.0.9'))
    const token = /\/password\/reset\/([\w-]+)/.exec(sent.text)![1]
    assert.lengthOf(token, 43)
    assert.deepEqual(sent.entry.links, [`${APP_URL}/password/reset/[hidden]`])
    assert.notInclude(JSON.stringify(sent.entry), token)
  })

  test('an OmaKaiku password link keeps its path, not its token; the sign-in link stays whole', async ({
    assert,
  }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card, { locale: 'sv' })
    const [sent] = await loggedLinks(() => sendAccountLink(account, 'activation'))
    const token = /\/oma\/password\/set\/([\w-]+)/.exec(sent.text)![1]
    assert.deepEqual(sent.entry.links, [
      `${APP_URL}/oma/password/set/[hidden]`,
      `${APP_URL}/oma/login`,
    ])
    assert.notInclude(JSON.stringify(sent.entry), token)
  })

  test('other links stay whole; a long token-like path segment or token parameter is hidden', ({
    assert,
  }) => {
    const whole = [
      'https://kaikukanta.fi/oma/history/42/feedback',
      'https://kaikukanta.fi/bulletin/8',
      'https://kaikukanta.fi/surveys/partner/3',
      'https://kaikukanta.fi/offers?genre=theatre&page=2',
    ]
    for (const link of whole) assert.equal(withoutLinkSecrets(link), link)
    assert.equal(
      withoutLinkSecrets('https://kaikukanta.fi/s/Ab3_xY9-Qw12Zt7L'),
      'https://kaikukanta.fi/s/[hidden]'
    )
    assert.equal(
      withoutLinkSecrets(
        'https://kaikukanta.fi/confirm/QmFzZTY0dXJsLXNhZmUtdG9rZW4tb2YtMzItYnl0ZXM/done'
      ),
      'https://kaikukanta.fi/confirm/[hidden]/done'
    )
    assert.equal(
      withoutLinkSecrets('https://kaikukanta.fi/x?access_token=abc.def&lang=sv'),
      'https://kaikukanta.fi/x?access_token=[hidden]&lang=sv'
    )
  })
})
