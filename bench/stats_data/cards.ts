import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { BulkLoader, columnList } from './bulk_loader.js'
import { DAY, yearLater } from './calendar.js'
import {
  cardAge,
  cardCode,
  childrenOf,
  clampScore,
  COMMUNITY_ROLES,
  genderOf,
  lifeSituationOf,
  motherTongues,
  postalCode,
  submissionKey,
} from './card_values.js'
import { ISSUE_SEASON, YEARLY_GROWTH } from './country.js'
import {
  CODE_PREFIX,
  type AreaPlan,
  type CardPlan,
  type OrganisationPlan,
  type Run,
} from './plan.js'
import { Progress } from './progress.js'
import { Random, STREAM, Weighted, seedOf } from './random.js'

/*
| Cards issued day by day (growth over the years, the season, few at
| weekends), each with its history (issued, extended, ended, withdrawn) and
| wellbeing answers; returns what the uses need to know of each card.
*/
export async function writeCards(
  run: Run,
  registry: QueryClientContract,
  organisations: OrganisationPlan[],
  ids: { card: number; response: number }
): Promise<CardPlan> {
  const sql = run.sql
  const calendar = run.calendar
  const total = run.cards
  const today = run.today
  const distributors = organisations.filter((o) => o.type === 'distributor')
  const areaShare = new Map<AreaPlan, number>()
  for (const d of distributors) areaShare.set(d.area, (areaShare.get(d.area) ?? 0) + d.weight)
  const distributorChoice = new Weighted(
    distributors.map((d) => [d, (d.weight / areaShare.get(d.area)!) * d.area.weight])
  )
  const earliest = [...distributors].sort((a, b) => a.joinDay - b.joinDay)[0]

  // Existing codes with the data set's prefix (from real cards) are skipped.
  const takenRows = await registry
    .from('cards')
    .where('code', 'like', `${CODE_PREFIX}%`)
    .select('code')
  const taken = new Set(takenRows.map((row) => String(row.code)))
  const overrides = new Map<number, string>()
  let spare = total
  const codeOf = (index: number) => overrides.get(index) ?? cardCode(index)

  // Cards per day: growth over the years, the season, few at weekends.
  const dayWeights: number[] = []
  for (let day = run.spanStart; day <= today; day++) {
    const years = (day - run.spanStart) / 365.25
    const weekend = calendar.weekdayOf(day) >= 6 ? 0.04 : 1
    dayWeights.push(Math.pow(YEARLY_GROWTH, years) * ISSUE_SEASON[calendar.monthOf(day)] * weekend)
  }
  const weightSum = dayWeights.reduce((a, b) => a + b, 0)

  const plan: CardPlan = {
    issued: new Int32Array(total),
    lastDay: new Int32Array(total),
    area: new Uint8Array(total),
    children: new Uint8Array(total),
    community: new Uint8Array(total),
    intensity: new Float32Array(total),
    uses: new Uint32Array(total),
    codeOf,
    counts: {},
    byYear: new Map<number, number>(),
    byDistributor: new Int32Array(organisations.length),
  }

  const loader = new BulkLoader(registry, run.mysql)
  const cardTable = loader.table(
    'cards',
    columnList(
      'id, code, type, community_role, issuing_organisation_id, issued_on, valid_until, status, ended_on, birth_year, postal_code, children_count, mother_tongues, gender, life_situation, consent_given_at, consent_withdrawn_at, revision, omakaiku_account_at, created_at, updated_at'
    )
  )
  const eventTable = loader.table(
    'card_events',
    columnList(
      'card_id, kind, user_id, organisation_id, valid_until_before, valid_until_after, submission_key, created_at'
    )
  )
  const responseTable = loader.table(
    'wellbeing_responses',
    columnList('id, card_id, instrument, context, answered_on, raw_score, once_key, created_at')
  )
  const itemTable = loader.table('wellbeing_items', columnList('response_id, item, value'))
  const progress = new Progress('cards', total, run.log)
  const random = new Random()
  let eventKey = 0
  let responseId = ids.response
  const validUntilFor = (start: number, area: AreaPlan) => {
    const later = yearLater(start)
    if (area.status !== 'pilot' || area.pilotEndsOn === null) return later
    if (area.pilotEndsOn < start) return null
    return Math.min(later, area.pilotEndsOn)
  }

  try {
    let index = 0
    let cumulative = 0
    for (let offset = 0; offset < dayWeights.length; offset++) {
      cumulative += dayWeights[offset]
      const dayEnd =
        offset === dayWeights.length - 1 ? total : Math.floor((cumulative / weightSum) * total)
      const day = run.spanStart + offset
      for (; index < dayEnd; index++) {
        random.reseed(seedOf(run.seed, STREAM.card, index))
        let distributor = distributorChoice.pick(random)
        for (let attempt = 0; distributor.joinDay > day && attempt < 40; attempt++) {
          distributor = distributorChoice.pick(random)
        }
        if (distributor.joinDay > day) distributor = earliest
        const area = distributor.area
        const id = ids.card + index
        let code = cardCode(index)
        if (taken.has(code)) {
          while (taken.has(cardCode(spare))) spare++
          code = cardCode(spare++)
          overrides.set(index, code)
        }
        const community = random.chance(0.03)
        const age = cardAge(random)
        const year = calendar.yearOf(day)
        const children = community ? 0 : childrenOf(random, age)
        const issuedAt = calendar.moment(day, 8 * 3600 + 1800 + random.int(8 * 3600))
        const issuedStamp = calendar.stamp(Math.min(issuedAt, run.now))
        const firstUntil = validUntilFor(day, area) ?? yearLater(day)

        // Extensions near the end of each period, then perhaps an end or a withdrawal.
        const events: string[] = []
        const answers: Array<[string, string, number, number]> = []
        let until = firstUntil
        let periodStart = day
        let revision = 1
        let chance = 0.3
        let lastMoment = issuedAt
        while (until <= today + 30 && random.chance(chance)) {
          const extended = Math.min(today, until - 30 + random.int(90))
          if (extended <= periodStart + 180) break
          const after = validUntilFor(extended, area)
          if (after === null) break
          const at = Math.min(run.now, calendar.moment(extended, 9 * 3600 + random.int(7 * 3600)))
          events.push(
            `(${id},'extended',NULL,${distributor.id},'${calendar.text(until)}','${calendar.text(after)}','${submissionKey(1, eventKey++)}','${calendar.stamp(at)}')`
          )
          if (!community && random.chance(0.5)) {
            answers.push(['swb', 'extension', extended, clampScore(random.normal(6.7, 2))])
            answers.push(['impact', 'extension', extended, clampScore(random.normal(7.6, 1.9))])
          }
          until = after
          periodStart = extended
          revision++
          lastMoment = at
          chance = 0.35
        }
        let status = 'active'
        let endedOn: number | null = null
        let consentWithdrawn: number | null = null
        const ending = random.next()
        const lastPossible = Math.min(until, today)
        if (ending < 0.058 && lastPossible > periodStart + 14) {
          endedOn = periodStart + 14 + random.int(lastPossible - periodStart - 14)
          const at = Math.min(run.now, calendar.moment(endedOn, 9 * 3600 + random.int(7 * 3600)))
          const kind = ending < 0.04 ? 'ended' : ending < 0.053 ? 'withdrawn' : 'consent_withdrawn'
          status = kind === 'ended' ? 'ended' : 'withdrawn'
          if (kind === 'consent_withdrawn') consentWithdrawn = at
          events.push(
            `(${id},'${kind}',NULL,${kind === 'consent_withdrawn' ? 'NULL' : distributor.id},'${calendar.text(until)}','${calendar.text(until)}','${submissionKey(1, eventKey++)}','${calendar.stamp(at)}')`
          )
          revision++
          lastMoment = at
        }

        const erased = consentWithdrawn !== null
        const tongues = erased ? null : motherTongues(random, area)
        const gender = erased ? null : genderOf(random)
        const situation = erased ? null : lifeSituationOf(random, age)
        const postal = erased ? null : postalCode(random, distributor.municipality)
        const omakaiku =
          day >= today - 540 && random.chance(0.15)
            ? calendar.stamp(Math.min(run.now, issuedAt + random.int(20) * DAY))
            : null
        if (
          cardTable.push(
            `(${id},'${code}','${community ? 'community' : 'personal'}',${community ? `'${random.pick(COMMUNITY_ROLES)}'` : 'NULL'},${distributor.id},'${calendar.text(day)}','${calendar.text(until)}','${status}',${endedOn === null ? 'NULL' : `'${calendar.text(endedOn)}'`},${erased ? 'NULL' : year - age},${sql.text(postal)},${erased ? 0 : children},${sql.text(tongues)},${sql.text(gender)},${sql.text(situation)},'${issuedStamp}',${consentWithdrawn === null ? 'NULL' : `'${calendar.stamp(consentWithdrawn)}'`},${revision},${sql.text(omakaiku)},'${issuedStamp}','${calendar.stamp(Math.min(run.now, lastMoment))}')`
          )
        )
          await loader.flush()
        if (
          eventTable.push(
            `(${id},'issued',NULL,${distributor.id},NULL,'${calendar.text(firstUntil)}','${submissionKey(1, eventKey++)}','${issuedStamp}')`
          )
        )
          await loader.flush()
        for (const event of events) if (eventTable.push(event)) await loader.flush()
        if (!community && !erased && random.chance(0.4)) {
          answers.unshift(['swb', 'issue', day, clampScore(random.normal(6.1, 2.1))])
        }
        if (!erased) {
          for (const [instrument, context, answered, value] of answers) {
            const responseRow = `(${responseId},${id},'${instrument}','${context}','${calendar.text(answered)}',${value},NULL,'${calendar.stamp(Math.min(run.now, calendar.moment(answered, 12 * 3600)))}')`
            const itemRow = `(${responseId},1,${value})`
            responseId++
            const full = responseTable.push(responseRow)
            if (itemTable.push(itemRow) || full) await loader.flush()
          }
        }

        // What the use generator needs to know about the card.
        const lastDay = Math.min(until, endedOn === null ? Infinity : endedOn - 1, run.lastUseDay)
        plan.issued[index] = day
        plan.lastDay[index] = lastDay
        plan.area[index] = area.index
        plan.children[index] = erased ? 0 : children
        plan.community[index] = community ? 1 : 0
        plan.byDistributor[distributor.index]++
        plan.byYear.set(year, (plan.byYear.get(year) ?? 0) + 1)
        if (lastDay >= day && !random.chance(0.3)) {
          const pastDays = Math.max(0, Math.min(lastDay, today) - day + 1)
          const futureDays = Math.max(0, lastDay - today)
          plan.intensity[index] =
            Math.exp(random.normal(0, 1.25)) * Math.max(14, pastDays + 0.25 * futureDays)
        }
        progress.update(index + 1)
      }
    }
    await loader.finish()
  } catch (error) {
    await loader.abort()
    throw error
  }
  for (const table of loader.tables) plan.counts[table.name] = table.inserted
  return plan
}
