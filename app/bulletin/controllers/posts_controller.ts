import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import PostService from '#bulletin/services/post_service'
import { findVisible, readerOf, repliesSeenBy, unreadCount } from '#bulletin/services/readers'
import { annotate, inboxPage } from '#bulletin/services/inbox'
import { renderPostBody } from '#bulletin/services/post_body'
import { AUDIENCE_FIELDS, postFormOptions } from '#bulletin/services/audience_options'
import { fieldsAnnouncement, needs } from '#core/services/dependent_fields'
import { describeAudience } from '#bulletin/services/audience_description'
import {
  inboxFilterValidator,
  postChangesValidator,
  postValidator,
} from '#bulletin/validators/post'
import { unlessRefused } from '#core/services/field_error'
import { optionsOf } from '#core/services/choice_options'
import { pickLocale } from '#core/services/locale'
import { SENDER_TYPES } from '#bulletin/models/post'
import { publishedOfferTitle } from '#offers/services/offer_catalogue'
import { organisationNames, staffSummary } from '#registry/services/directory'

/** The bulletin board: the inbox, a post and its thread, writing and editing a post. */
@inject()
export default class PostsController {
  constructor(protected posts: PostService) {}

  async index({ request, auth, view, i18n }: HttpContext) {
    const [errors, filters] = await inboxFilterValidator.tryValidate(request.qs())
    const reader = await readerOf(auth.use('staff').getUserOrFail())
    const data = {
      ...(await inboxPage(reader, filters ?? {}, request.qs())),
      filters: request.qs(),
      filterError: Boolean(errors),
      senderOptions: optionsOf(i18n, 'bulletin.sender', SENDER_TYPES),
    }
    if (request.header('hx-request') && request.header('hx-target') === 'bulletin-results') {
      return view.render('pages/bulletin/_results', data)
    }
    return view.render('pages/bulletin/index', data)
  }

  async create({ auth, view, i18n }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    return view.render('pages/bulletin/form', {
      post: null,
      submissionKey: randomUUID(),
      ...(await postFormOptions(member, i18n)),
      fragment: false,
      values: {},
    })
  }

  /** The fields the chosen audience needs, for htmx to swap in as the audience changes. */
  async audienceFields({ request, auth, view, i18n }: HttpContext) {
    const options = await postFormOptions(auth.use('staff').getUserOrFail(), i18n)
    const values = request.qs()
    const chosen = String(values.audience ?? '')
    const labels = {
      areaId: options.areaOptions.length ? i18n.t('bulletin.area_label') : null,
      areaStatus: i18n.t('bulletin.area_status_label'),
      organisationId: i18n.t('bulletin.organisation_label'),
      userId: i18n.t('bulletin.user_label'),
    }
    const shown = (Object.keys(AUDIENCE_FIELDS) as (keyof typeof AUDIENCE_FIELDS)[]).filter(
      (field) => labels[field] && options.onlyWhen[field] && needs(AUDIENCE_FIELDS, field, chosen)
    )
    return view.render('pages/bulletin/_audience_fields', {
      ...options,
      fragment: true,
      chosenAudience: chosen,
      values,
      announcement: fieldsAnnouncement(
        i18n,
        shown.map((field) => labels[field]!)
      ),
    })
  }

  async store(ctx: HttpContext) {
    const { request, auth, response, session, i18n } = ctx
    const input = await request.validateUsing(postValidator)
    const post = await unlessRefused(ctx, urlFor('posts.create'), () =>
      // Written in the author's interface language unless they chose another.
      this.posts.create(
        { ...input, language: input.language ?? pickLocale(i18n.locale) },
        auth.use('staff').getUserOrFail()
      )
    )
    if (!post) return
    session.flash('success', i18n.t('bulletin.posted_flash'))
    return response.redirect().toRoute('posts.show', { id: post.id })
  }

  /** Opening a post marks it and its replies read. */
  async show({ params, auth, view, i18n }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    const reader = await readerOf(user)
    const post = await findVisible(reader, params.id)
    await post.load('replies', (replies) => {
      repliesSeenBy(reader)(replies)
      replies.orderBy('id')
    })
    const { senders } = await annotate([post], reader)
    await this.posts.markRead(post, reader)
    // The menu's count was taken before this post was read.
    view.share({ bulletinUnread: await unreadCount(reader) })
    const replySenders = await organisationNames(
      post.replies.flatMap((r) => (r.authorOrganisationId ? [r.authorOrganisationId] : []))
    )
    const privateTo = await this.posts.privateRecipients(post, user)
    const authors = new Map<number, string>()
    const people = [post.authorUserId, ...post.replies.map((r) => r.authorUserId)]
    people.push(...post.replies.map((r) => r.privateToUserId), ...privateTo)
    for (const id of new Set(people)) {
      const author = id ? await staffSummary(id) : null
      if (author) authors.set(author.id, author.fullName)
    }
    return view.render('pages/bulletin/show', {
      post,
      bodyHtml: renderPostBody(post.body),
      replies: post.replies.map((reply) => ({ reply, html: renderPostBody(reply.body) })),
      senders: new Map([...senders, ...replySenders]),
      authors,
      audience: await describeAudience(post, i18n),
      offerTitle: post.offerId ? await publishedOfferTitle(post.offerId) : null,
      isAuthor: post.authorUserId === user.id,
      viewerId: user.id,
      // "Everyone who sees the message", or privately to one of those the viewer may write to.
      visibilityOptions: privateTo.length
        ? [
            { value: '', label: i18n.t('bulletin.reply_to_everyone') },
            ...privateTo
              .filter((id) => authors.has(id))
              .map((id) => ({
                value: id,
                label: i18n.t('bulletin.reply_privately_to', { name: authors.get(id) }),
              })),
          ]
        : [],
      submissionKey: randomUUID(),
    })
  }

  async edit({ params, auth, view, i18n }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    const post = await this.posts.findOwn(member, params.id)
    return view.render('pages/bulletin/form', {
      post,
      submissionKey: null,
      ...(await postFormOptions(member, i18n)),
      canAnnounce: post.kind === 'announcement',
      fragment: false,
      values: {},
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, auth, response, session, i18n } = ctx
    const post = await this.posts.findOwn(auth.use('staff').getUserOrFail(), params.id)
    const changes = await request.validateUsing(postChangesValidator)
    const saved = await unlessRefused(ctx, urlFor('posts.edit', { id: post.id }), () =>
      this.posts.update(post, changes)
    )
    if (!saved) return
    session.flash('success', i18n.t('bulletin.updated_flash'))
    return response.redirect().toRoute('posts.show', { id: post.id })
  }
}
