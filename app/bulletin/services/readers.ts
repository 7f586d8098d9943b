import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Post from '#bulletin/models/post'
import type { StaffMember } from '#core/roles'
import { placeOf, type StaffPlace } from '#registry/services/directory'
import { today } from '#core/services/time'

/** A staff member and where they sit; `areaId` is their organisation's area, or a coordinator's own. */
export type Reader = Omit<StaffMember, 'areaId'> & StaffPlace

export async function readerOf(member: StaffMember): Promise<Reader> {
  // Picked one by one: a Lucid model keeps its columns behind getters, which a spread skips.
  const { id, role, organisationId } = member
  return { id, role, organisationId, ...(await placeOf(member)) }
}

/**
 * The posts a reader may see: addressed to everyone, to the national centre
 * (its users only), to their area's status,
 * to their area (all, or their kind of organisation), to their organisation
 * or to them; and their own organisation's posts. Not withdrawn, not expired.
 * A coordinator reads everything addressed to their area.
 */
export function visiblePosts(reader: Reader): ModelQueryBuilderContract<typeof Post> {
  return Post.query()
    .whereNull('withdrawn_at')
    .where((current) =>
      current.whereNull('expires_on').orWhere('expires_on', '>=', today().toISODate()!)
    )
    .where((audience) => {
      audience.where('audience', 'national').orWhere('author_user_id', reader.id)
      if (reader.role === 'admin') audience.orWhere('audience', 'national_centre')
      if (reader.organisationId !== null) {
        audience
          .orWhere('author_organisation_id', reader.organisationId)
          .orWhere((q) =>
            q
              .where('audience', 'organisation')
              .where('audience_organisation_id', reader.organisationId!)
          )
      }
      audience.orWhere((q) => q.where('audience', 'user').where('audience_user_id', reader.id))
      if (reader.areaStatus) {
        audience.orWhere((q) =>
          q.where('audience', 'national_status').where('audience_area_status', reader.areaStatus!)
        )
      }
      if (reader.areaId !== null) {
        const kinds = ['area']
        const coordinator = reader.role === 'area_coordinator'
        if (coordinator || reader.organisationType === 'distributor')
          kinds.push('area_distributors')
        if (coordinator || reader.organisationType === 'venue') kinds.push('area_venues')
        audience.orWhere((q) =>
          q.whereIn('audience', kinds).where('audience_area_id', reader.areaId!)
        )
      }
    })
}

type Wheres = { where(callback: (query: Wheres) => void): unknown } & {
  where(column: string, value: unknown): Wheres
  orWhere(column: string, value: unknown): Wheres
}

/**
 * Narrows a query of replies to those the reader sees: every public reply, and
 * the private ones they wrote or that are for them. Nobody else learns that a
 * private reply exists: it is left out of threads, reply counts and unread state.
 */
export function repliesSeenBy(reader: { id: number }) {
  return (replies: Wheres) => {
    replies.where((seen) =>
      seen
        .where('private', false)
        .orWhere('author_user_id', reader.id)
        .orWhere('private_to_user_id', reader.id)
    )
  }
}

/**
 * Visible posts with something the reader has not seen: the post itself, a
 * public reply since they last looked (the post's `activity` counts those),
 * or a private reply to them newer than the last reply they saw. An author
 * has seen their own post.
 */
export function unreadPosts(reader: Reader) {
  return visiblePosts(reader).where((unread) =>
    unread
      .whereNotExists((read) =>
        read
          .from('post_reads')
          .whereColumn('post_reads.post_id', 'posts.id')
          .where('post_reads.user_id', reader.id)
          .whereColumn('post_reads.seen_activity', '>=', 'posts.activity')
      )
      .orWhereExists((privately) =>
        privately
          .from('post_replies')
          .whereColumn('post_replies.post_id', 'posts.id')
          .where('post_replies.private_to_user_id', reader.id)
          .whereNotExists((read) =>
            read
              .from('post_reads')
              .whereColumn('post_reads.post_id', 'posts.id')
              .where('post_reads.user_id', reader.id)
              .whereColumn('post_reads.seen_reply_id', '>=', 'post_replies.id')
          )
      )
  )
}

export async function unreadCount(reader: Reader) {
  const [row] = await unreadPosts(reader).count('* as total')
  return Number(row.$extras.total)
}

/** The reader's post, or 404: a post not addressed to them is "not found". */
export async function findVisible(reader: Reader, postId: number) {
  return visiblePosts(reader).where('id', postId).firstOrFail()
}
