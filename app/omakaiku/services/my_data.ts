import type Account from '#omakaiku/models/account'
import { notesOf } from '#omakaiku/services/notes'
import { notificationChoicesOf } from '#omakaiku/services/notification_settings'
import { registryDataOf } from '#registry/services/holder_card'
import { usesOf } from '#usage/services/holder_uses'
import { everyWaitingEntryOf } from '#usage/services/waiting_list_views'

/**
 * Everything stored about the holder, from both systems: what the registry
 * holds about the card (no identity) and what OmaKaiku holds (identity,
 * choices, notes). The page and the JSON download show the same.
 */
export async function myData(account: Account) {
  const [registry, uses, waitingLists, notifications, notes] = await Promise.all([
    registryDataOf(account.cardCode),
    usesOf(account.cardCode),
    everyWaitingEntryOf(account.cardCode),
    notificationChoicesOf(account.id),
    notesOf(account.id),
  ])
  const usesOfCard = uses.map((use) => ({
    id: use.id,
    event: use.title,
    venue: use.venueName,
    when: use.timed ? use.when.toISO() : use.when.toISODate(),
    status: use.status,
    cancelledBy: use.cancelledBy,
    places: use.places,
    childrenCount: use.childrenCount,
    feedbackGiven: use.feedbackGiven,
  }))
  return {
    omakaiku: {
      account: {
        firstName: account.firstName,
        lastName: account.lastName,
        email: account.email,
        phone: account.phone,
        municipalityId: account.municipalityId,
        language: account.locale,
        createdAt: account.createdAt.toISO(),
        passwordSetAt: account.activatedAt?.toISO() ?? null,
      },
      notifications,
      notes: notes.map((note) => ({
        id: note.id,
        aboutUse: note.useId,
        text: note.body,
        updatedAt: note.updatedAt.toISO(),
      })),
    },
    registry: { ...registry, uses: usesOfCard, waitingLists },
  }
}
