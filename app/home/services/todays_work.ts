import { readerOf, unreadCount } from '#bulletin/services/readers'
import { feedbackAwaitingReply } from '#feedback/services/accessibility_feedback'
import { importsUnderWay } from '#imports/services/import_runs'
import { deliveryProblems } from '#messaging/services/outbox_health'
import {
  cardsEndingThisMonth,
  cardsEndingThisMonthInArea,
  cardsWithOmaKaikuAccount,
} from '#registry/services/cards_ending'
import { networkTasks } from '#registry/services/organisation_proposals'
import { partnerSurveysAwaitingAnswers } from '#surveys/services/partner_survey_queue'
import { boxOfficeToday } from '#usage/services/box_office_today'
import { pendingActivationsOf } from '#home/services/holder_activation_port'

/** A signed-in staff member, as the registry's services take one. */
type User = Parameters<typeof networkTasks>[0]

/*
| What waits for a staff member today, by role. Each figure comes from the
| module that owns the data; the home page only puts them together.
*/

/** Venue and ticket-agent users: today's shows with places left, unread cancellations. */
export const boxOffice = (user: User) => boxOfficeToday(user)

/** Distributor users: their organisation's cards ending this month and OmaKaiku activations waiting. */
export async function distributorWork(user: User) {
  if (user.organisationId === null) return { ending: [], pendingActivations: [] }
  const withAccount = await cardsWithOmaKaikuAccount(user.organisationId)
  const pendingCodes = new Set(await pendingActivationsOf(withAccount.map((card) => card.code)))
  return {
    ending: await cardsEndingThisMonth(user.organisationId),
    pendingActivations: withAccount.filter((card) => pendingCodes.has(card.code)),
  }
}

/** Area coordinators: the network's tasks, unread posts, partner surveys and cards ending in the area. */
export async function coordinatorWork(user: User) {
  const areaId = user.areaId ?? 0
  const [network, unreadPosts, surveysAwaiting, cardsEnding] = await Promise.all([
    networkTasks(user),
    unreadCount(await readerOf(user)),
    partnerSurveysAwaitingAnswers(areaId),
    cardsEndingThisMonthInArea(areaId),
  ])
  return { network, unreadPosts, surveysAwaiting, cardsEnding }
}

/** The national centre: proposals, accessibility feedback, delivery problems, imports under way. */
export async function nationalCentreWork(user: User) {
  const [network, unreadPosts, feedback, delivery, imports] = await Promise.all([
    networkTasks(user),
    unreadCount(await readerOf(user)),
    feedbackAwaitingReply(),
    deliveryProblems(),
    importsUnderWay(),
  ])
  return { network, unreadPosts, feedback, delivery, imports }
}
