import { urlFor } from '@adonisjs/core/services/url_builder'
import type Post from '#bulletin/models/post'
import PostRead from '#bulletin/models/post_read'
import { repliesSeenBy, unreadPosts, visiblePosts, type Reader } from '#bulletin/services/readers'
import { keepFiltersInPageLinks } from '#core/services/pagination'
import { organisationNames } from '#registry/services/directory'

export const PAGE_SIZE = 20

export type InboxFilters = {
  sender?: Post['senderType']
  q?: string
  unread?: boolean
  page?: number
}

/** A page of the reader's inbox: pinned announcements first, then the latest activity. */
export async function inboxPage(
  reader: Reader,
  filters: InboxFilters,
  query: Record<string, unknown>
) {
  const posts = filters.unread ? unreadPosts(reader) : visiblePosts(reader)
  if (filters.sender) posts.where('sender_type', filters.sender)
  if (filters.q) {
    // Case does not matter (MySQL's collation; SQLite's LIKE for ASCII letters).
    const words = `%${filters.q.replace(/[%_]/g, '')}%`
    posts.where((search) => search.where('title', 'like', words).orWhere('body', 'like', words))
  }
  const page = await posts
    .orderBy('pinned', 'desc')
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc')
    .withCount('replies', repliesSeenBy(reader))
    .paginate(filters.page ?? 1, PAGE_SIZE)
  keepFiltersInPageLinks(page, urlFor('posts.index'), query)
  return { page, ...(await annotate(page.all(), reader)) }
}

/** Which of these posts the reader has unread, and the senders' organisation names. */
export async function annotate(posts: Post[], reader: Reader) {
  const ids = posts.map((post) => post.id)
  const reads = ids.length
    ? await PostRead.query().where('user_id', reader.id).whereIn('post_id', ids)
    : []
  const seen = new Map(reads.map((read) => [read.postId, read.seenActivity]))
  const unread = new Set(posts.filter((p) => (seen.get(p.id) ?? 0) < p.activity).map((p) => p.id))
  const senders = await organisationNames(
    posts.flatMap((post) => (post.authorOrganisationId ? [post.authorOrganisationId] : []))
  )
  return { unread, senders }
}
