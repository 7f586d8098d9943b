import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { signedUrlFor, urlFor } from '@adonisjs/core/services/url_builder'
import { currentLogger } from '#core/services/request_logger'
import env from '#start/env'
import { toSqlDateTime } from '#core/services/time'
import { withoutContactDetails } from '#core/services/contact_masking'
import type Post from '#bulletin/models/post'
import type PostReply from '#bulletin/models/post_reply'
import BulletinSetting, { DEFAULT_EMAIL_MODE } from '#bulletin/models/bulletin_setting'
import { postBodyAsText } from '#bulletin/services/post_body'
import { readerOf, unreadPosts } from '#bulletin/services/readers'
import { staffIn, type StaffAudience } from '#registry/services/directory'

type Recipient = { id: number; email: string; fullName: string }

/** The users a post's audience reaches (the same rule as who may read it). */
async function audienceOf(post: Post): Promise<Recipient[]> {
  const audience = staffAudienceOf(post)
  if (audience) return staffIn(audience)
  const everyone = await staffIn({ kind: 'everyone' })
  return everyone.filter((user) => user.role === 'admin')
}

/** The registry's audience of a post; none for a post to the national centre (its users by role). */
function staffAudienceOf(post: Post): StaffAudience | null {
  switch (post.audience) {
    case 'national':
      return { kind: 'everyone' }
    case 'national_status':
      return { kind: 'area_status', status: post.audienceAreaStatus! }
    case 'area':
      return { kind: 'area', areaId: post.audienceAreaId! }
    case 'area_distributors':
      return { kind: 'area', areaId: post.audienceAreaId!, organisationType: 'distributor' }
    case 'area_venues':
      return { kind: 'area', areaId: post.audienceAreaId!, organisationType: 'venue' }
    case 'organisation':
      return { kind: 'organisation', organisationId: post.audienceOrganisationId! }
    case 'user':
      return { kind: 'user', userId: post.audienceUserId! }
    case 'national_centre':
      return null
  }
}

/**
 * Bulletin e-mail to staff, by each user's choice: at once, a daily digest,
 * or nothing. Every message has a one-click unsubscribe (RFC 8058) that
 * works without signing in.
 */
export default class BulletinMailer {
  /** A new post: at once to those who chose it. */
  async announcePost(post: Post) {
    const audience = await audienceOf(post)
    const recipients = audience.filter((r) => r.id !== post.authorUserId)
    await this.#sendToImmediate(recipients, (i18n) => ({
      subject: i18n.t('bulletin.mail.post_subject', { title: post.title }),
      text: [
        post.title,
        '',
        postBodyAsText(post.body),
        '',
        i18n.t('bulletin.mail.read_link', { link: this.#postLink(post) }),
      ].join('\n'),
    }))
  }

  /**
   * A reply: at once to those who chose it. A public reply goes to the post's
   * author and earlier repliers; a private one only to the person it is for.
   */
  async announceReply(post: Post, reply: PostReply) {
    const earlier = reply.private
      ? []
      : await post.related('replies').query().where('private', false).select('author_user_id')
    const ids = new Set(
      reply.private
        ? [reply.privateToUserId]
        : [post.authorUserId, ...earlier.map((r) => r.authorUserId)]
    )
    ids.delete(reply.authorUserId)
    ids.delete(null)
    const recipients: Recipient[] = []
    // staffIn reaches active users only: a removed or deactivated author gets nothing.
    for (const id of ids) recipients.push(...(await staffIn({ kind: 'user', userId: id! })))
    await this.#sendToImmediate(recipients, (i18n) => ({
      subject: i18n.t(
        reply.private ? 'bulletin.mail.private_reply_subject' : 'bulletin.mail.reply_subject',
        { title: post.title }
      ),
      text: [
        postBodyAsText(reply.body),
        '',
        i18n.t('bulletin.mail.read_link', { link: this.#postLink(post) }),
      ].join('\n'),
    }))
  }

  /**
   * The daily digest: to each user who chose it (the default), what they have
   * not read that arrived since their last digest. Running it twice sends
   * nothing new the second time.
   */
  async sendDigests(now: DateTime = DateTime.now()) {
    const all = await BulletinSetting.all()
    const settings = new Map(all.map((s) => [s.userId, s]))
    let sent = 0
    for (const user of await staffIn({ kind: 'everyone' })) {
      const setting = settings.get(user.id)
      if ((setting?.emailMode ?? DEFAULT_EMAIL_MODE) !== 'daily') continue
      const since = toSqlDateTime(setting?.lastDigestAt ?? now.minus({ days: 1 }))
      const until = toSqlDateTime(now)
      // New activity everyone sees, or a private reply to this user.
      const posts = await unreadPosts(await readerOf(user))
        .where((fresh) =>
          fresh
            .where((q) =>
              q.where('last_activity_at', '>', since).where('last_activity_at', '<=', until)
            )
            .orWhereExists((privately) =>
              privately
                .from('post_replies')
                .whereColumn('post_replies.post_id', 'posts.id')
                .where('post_replies.private_to_user_id', user.id)
                .where('post_replies.created_at', '>', since)
                .where('post_replies.created_at', '<=', until)
            )
        )
        .orderBy('last_activity_at', 'desc')
      if (posts.length) {
        const i18n = i18nManager.locale(setting?.locale ?? 'fi')
        await this.#send(user, i18n, {
          subject: i18n.t('bulletin.mail.digest_subject', { count: posts.length }),
          text: [
            i18n.t('bulletin.mail.digest_intro', { count: posts.length }),
            '',
            ...posts.map((post) => `- ${post.title}\n  ${this.#postLink(post)}`),
          ].join('\n'),
        })
        sent++
      }
      await BulletinSetting.updateOrCreate(
        { userId: user.id },
        {
          lastDigestAt: now,
          emailMode: setting?.emailMode ?? DEFAULT_EMAIL_MODE,
          locale: setting?.locale ?? 'fi',
        }
      )
    }
    return sent
  }

  /** The signed address of a user's unsubscribe page (and of the one-click POST). */
  unsubscribeLink(userId: number) {
    return signedUrlFor('bulletin.unsubscribe', { user: userId }, { prefixUrl: env.get('APP_URL') })
  }

  #postLink(post: Post) {
    return urlFor('posts.show', { id: post.id }, { prefixUrl: env.get('APP_URL') })
  }

  async #sendToImmediate(
    recipients: Recipient[],
    content: (i18n: ReturnType<typeof i18nManager.locale>) => { subject: string; text: string }
  ) {
    if (!recipients.length) return
    const settings = await BulletinSetting.query()
      .whereIn(
        'user_id',
        recipients.map((r) => r.id)
      )
      .where('notification_mode', 'immediate')
    for (const setting of settings) {
      const recipient = recipients.find((r) => r.id === setting.userId)!
      const i18n = i18nManager.locale(setting.locale)
      await this.#send(recipient, i18n, content(i18n))
    }
  }

  async #send(
    recipient: Recipient,
    i18n: ReturnType<typeof i18nManager.locale>,
    content: { subject: string; text: string }
  ) {
    const unsubscribe = this.unsubscribeLink(recipient.id)
    try {
      await mail.send((message) => {
        message
          .to(recipient.email)
          .subject(content.subject)
          .text(
            `${content.text}\n\n${i18n.t('bulletin.mail.unsubscribe', { link: unsubscribe })}\n`
          )
          .listUnsubscribe(unsubscribe)
          .header('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')
      })
    } catch (error) {
      // A notice that does not go out must not undo the post; the post is in the inbox anyway.
      const reason = withoutContactDetails((error as Error).message)
      currentLogger().warn({ userId: recipient.id, reason }, 'bulletin e-mail not sent')
    }
  }
}
