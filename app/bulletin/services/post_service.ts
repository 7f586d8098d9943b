import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Post, { type Audience, type PostLanguage, type SenderType } from '#bulletin/models/post'
import PostReply from '#bulletin/models/post_reply'
import PostRead from '#bulletin/models/post_read'
import { readerOf, type Reader } from '#bulletin/services/readers'
import BulletinMailer from '#bulletin/services/bulletin_mailer'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { ZONE, toSqlDateTime } from '#core/services/time'
import type { StaffMember } from '#core/roles'
import { organisationSummary, placeOf, staffSummary } from '#registry/services/directory'
import { publishedOfferTitle } from '#offers/services/offer_catalogue'

export type PostInput = {
  audience: Audience
  areaId?: number
  areaStatus?: string
  organisationId?: number
  userId?: number
  heading: string
  message: string
  expiresOn?: Date
  pinned?: boolean
  offerId?: number
  submissionKey: string
  /** The language the author wrote in; Finnish unless given. */
  language?: PostLanguage
}

export type PostChanges = Pick<
  PostInput,
  'heading' | 'message' | 'expiresOn' | 'pinned' | 'offerId' | 'language'
>

const refuse = (field: string, reason: string) =>
  new FieldError(field, `bulletin.refused.${reason}`)

/** The audience columns of a post, once the author's scope allows it. */
type Target = Pick<
  Post,
  'audience' | 'audienceAreaId' | 'audienceAreaStatus' | 'audienceOrganisationId' | 'audienceUserId'
>

/** A reply: its text, and for a private one the user it is for. */
export type ReplyInput = {
  message: string
  privateTo?: number | null
  submissionKey: string
  language?: PostLanguage
}

/**
 * Posting, editing, withdrawing, replying and reading on the bulletin board.
 * Who may address whom: the national centre everyone; an area coordinator
 * their own area; any other staff user their own organisation's area, its
 * organisations and users. Every staff user, a pop-up venue outside every
 * area too, may write to the national centre (Kaikukeskus): such a post is
 * seen by the national centre and the author's own organisation (for a
 * coordinator, the coordinator alone). Announcements (pinnable) come from the
 * national centre and coordinators.
 */
export default class PostService {
  constructor(protected mailer = new BulletinMailer()) {}

  async create(input: PostInput, actor: StaffMember): Promise<Post> {
    return oncePerSubmission(
      () => Post.findBy('submission_key', input.submissionKey),
      () => this.#create(input, actor)
    )
  }

  async #create(input: PostInput, actor: StaffMember): Promise<Post> {
    const author = await readerOf(actor)
    const target = await this.#target(input, author)
    const isAnnouncement =
      ['admin', 'area_coordinator'].includes(actor.role) &&
      !['organisation', 'user', 'national_centre'].includes(target.audience)
    await this.#checkOffer(input.offerId)

    const post = await db.connection('registry').transaction(async (trx) => {
      const created = await Post.create(
        {
          ...target,
          authorUserId: actor.id,
          authorOrganisationId: actor.organisationId,
          senderType: this.#senderType(author),
          kind: isAnnouncement ? 'announcement' : 'message',
          title: input.heading,
          body: input.message,
          language: input.language ?? 'fi',
          expiresOn: input.expiresOn ? DateTime.fromJSDate(input.expiresOn, { zone: ZONE }) : null,
          pinned: isAnnouncement && Boolean(input.pinned),
          offerId: input.offerId ?? null,
          lastActivityAt: DateTime.now(),
          activity: 1,
          submissionKey: input.submissionKey,
        },
        { client: trx }
      )
      await PostRead.create(
        { postId: created.id, userId: actor.id, seenActivity: 1, readAt: DateTime.now() },
        { client: trx }
      )
      return created
    })
    await this.mailer.announcePost(post)
    return post
  }

  /** The author's own post, or 404. */
  async findOwn(actor: StaffMember, postId: number) {
    return Post.query()
      .where('id', postId)
      .where('author_user_id', actor.id)
      .whereNull('withdrawn_at')
      .firstOrFail()
  }

  async update(post: Post, changes: PostChanges) {
    await this.#checkOffer(changes.offerId)
    post.merge({
      title: changes.heading,
      body: changes.message,
      ...(changes.language ? { language: changes.language } : {}),
      expiresOn: changes.expiresOn ? DateTime.fromJSDate(changes.expiresOn, { zone: ZONE }) : null,
      pinned: post.kind === 'announcement' && Boolean(changes.pinned),
      offerId: changes.offerId ?? null,
    })
    return post.save()
  }

  /** Withdrawal hides the post from everyone, its author included. */
  async withdraw(post: Post) {
    post.withdrawnAt = DateTime.now()
    return post.save()
  }

  /**
   * Who the actor may reply to privately in this thread: someone else than the
   * post's author, the author; the author, each person who wrote to them
   * privately in it.
   */
  async privateRecipients(post: Post, actor: { id: number }): Promise<number[]> {
    if (post.authorUserId === null) return []
    if (post.authorUserId !== actor.id) return [post.authorUserId]
    const privately = await PostReply.query()
      .where('post_id', post.id)
      .where('private', true)
      .where('private_to_user_id', actor.id)
      .whereNotNull('author_user_id')
      .orderBy('id')
    return [...new Set(privately.map((reply) => reply.authorUserId!))]
  }

  /**
   * A reply, public or private. A public one counts in the post's activity
   * (unread for every reader, first in the inbox); a private one is seen, and
   * e-mailed, only to the person it is for, and leaves the post as others see it.
   */
  async reply(post: Post, input: ReplyInput, actor: StaffMember) {
    return oncePerSubmission(
      () => PostReply.findBy('submission_key', input.submissionKey),
      () => this.#reply(post, input, actor)
    )
  }

  async #reply(post: Post, input: ReplyInput, actor: StaffMember) {
    const privateTo = input.privateTo ?? null
    if (privateTo !== null) {
      const allowed = await this.privateRecipients(post, actor)
      if (!allowed.includes(privateTo)) throw refuse('privateTo', 'private_to')
    }
    const reply = await db.connection('registry').transaction(async (trx) => {
      const created = await PostReply.create(
        {
          postId: post.id,
          authorUserId: actor.id,
          authorOrganisationId: actor.organisationId,
          body: input.message,
          language: input.language ?? 'fi',
          submissionKey: input.submissionKey,
          private: privateTo !== null,
          privateToUserId: privateTo,
        },
        { client: trx }
      )
      if (privateTo === null) {
        await trx
          .from('posts')
          .where('id', post.id)
          .increment('activity', 1)
          .update({ last_activity_at: toSqlDateTime(DateTime.now()) })
      }
      return created
    })
    await post.refresh()
    await this.markRead(post, actor)
    await this.mailer.announceReply(post, reply)
    return reply
  }

  /** The post and every reply it has now, private replies to the reader included, are read. */
  async markRead(post: Post, reader: { id: number }) {
    const latest = await PostReply.query().where('post_id', post.id).orderBy('id', 'desc').first()
    await PostRead.updateOrCreate(
      { postId: post.id, userId: reader.id },
      { seenActivity: post.activity, seenReplyId: latest?.id ?? null, readAt: DateTime.now() }
    )
  }

  async markAllRead(posts: Post[], reader: Reader) {
    for (const post of posts) await this.markRead(post, reader)
  }

  #senderType(author: Reader): SenderType {
    if (author.role === 'admin') return 'national'
    if (author.role === 'area_coordinator') return 'area'
    return (author.organisationType ?? 'partner') as SenderType
  }

  async #checkOffer(offerId: number | undefined) {
    if (offerId !== undefined && !(await publishedOfferTitle(offerId))) {
      throw refuse('offerId', 'unknown_offer')
    }
  }

  async #target(input: PostInput, author: Reader): Promise<Target> {
    const none = {
      audienceAreaId: null,
      audienceAreaStatus: null,
      audienceOrganisationId: null,
      audienceUserId: null,
    }
    const isAdmin = author.role === 'admin'
    switch (input.audience) {
      case 'national_centre':
        return { ...none, audience: 'national_centre' }
      case 'national':
        if (!isAdmin) throw refuse('audience', 'national_only')
        return { ...none, audience: 'national' }
      case 'national_status':
        if (!isAdmin) throw refuse('audience', 'national_only')
        if (!input.areaStatus) throw refuse('areaStatus', 'choose_status')
        return { ...none, audience: 'national_status', audienceAreaStatus: input.areaStatus }
      case 'area':
      case 'area_distributors':
      case 'area_venues': {
        const areaId = isAdmin ? input.areaId : author.areaId
        if (!areaId)
          throw refuse(isAdmin ? 'areaId' : 'audience', isAdmin ? 'choose_area' : 'no_area')
        if (!isAdmin && input.areaId !== undefined && input.areaId !== author.areaId) {
          throw refuse('audience', 'outside_area')
        }
        return { ...none, audience: input.audience, audienceAreaId: areaId }
      }
      case 'organisation': {
        const organisation = input.organisationId
          ? await organisationSummary(input.organisationId)
          : null
        if (!organisation) throw refuse('organisationId', 'choose_organisation')
        if (!isAdmin && (author.areaId === null || organisation.areaId !== author.areaId)) {
          throw refuse('organisationId', 'outside_area')
        }
        return { ...none, audience: 'organisation', audienceOrganisationId: organisation.id }
      }
      case 'user': {
        const user = input.userId ? await staffSummary(input.userId) : null
        if (!user || !user.active) throw refuse('userId', 'choose_user')
        if (!isAdmin) {
          const place = await placeOf(user)
          if (author.areaId === null || place.areaId !== author.areaId) {
            throw refuse('userId', 'outside_area')
          }
        }
        return { ...none, audience: 'user', audienceUserId: user.id }
      }
    }
  }
}
