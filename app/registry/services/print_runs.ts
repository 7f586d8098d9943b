import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PrintRun, { type PrintLanguage } from '#registry/models/print_run'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import type { CardType } from '#registry/models/card'
import { scopedAreas } from '#registry/services/admin_scope'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'

/*
| Ordering, listing and cancelling print runs. Reserving the codes is
| print_run_generation.ts; the PDF and the CSV are made from the reserved
| codes on every download.
*/
export type PrintRunOrder = {
  cardType: CardType
  language: PrintLanguage
  quantity: number
  areaId?: number
  organisationId?: number
  submissionKey: string
}

/** A run in a list: its counts of codes registered as cards and still unused. */
export type PrintRunSummary = { run: PrintRun; registered: number; unused: number }

/**
 * Orders a run, queued for code reservation. A coordinator's run is always
 * for their own area; the distributor, if any, must be one of that area's.
 * A second submit of the same form returns the first run.
 */
export async function orderPrintRun(actor: User, input: PrintRunOrder): Promise<PrintRun> {
  const areaId = actor.role === 'admin' ? input.areaId : (actor.areaId ?? undefined)
  if (!areaId) throw new FieldError('areaId', 'print_runs.area_required')
  const area = await scopedAreas(actor).where('id', areaId).first()
  if (!area) throw new FieldError('areaId', 'print_runs.area_required')
  if (input.organisationId) {
    const distributor = await Organisation.query()
      .where('id', input.organisationId)
      .where('area_id', area.id)
      .where('type', 'distributor')
      .first()
    if (!distributor) throw new FieldError('organisationId', 'print_runs.distributor_outside_area')
  }

  return oncePerSubmission(
    () => PrintRun.findBy('submission_key', input.submissionKey),
    () =>
      PrintRun.create({
        areaId: area.id,
        organisationId: input.organisationId ?? null,
        cardType: input.cardType,
        language: input.language,
        quantity: input.quantity,
        status: 'queued',
        codesDone: 0,
        orderedByUserId: actor.id,
        submissionKey: input.submissionKey,
      })
  )
}

/** The runs an administrator sees, newest first: every run for the national centre, the own area's for a coordinator. */
export function scopedPrintRuns(actor: User) {
  const query = PrintRun.query()
  if (actor.role !== 'admin') query.where('area_id', actor.areaId ?? 0)
  return query
}

/**
 * How many of each run's codes were registered as cards: those a card holds
 * now and those a lost card was moved away from (kept in replaced_codes; a
 * replaced code is never handed out again, so the two never overlap).
 */
export async function registeredCounts(runIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>()
  if (runIds.length === 0) return counts
  const client = db.connection('registry')
  const joins: [string, string][] = [
    ['cards', 'cards.code'],
    ['replaced_codes', 'replaced_codes.old_code'],
  ]
  for (const [table, column] of joins) {
    const rows = await client
      .from('printed_codes')
      .join(table, column, 'printed_codes.code')
      .whereIn('printed_codes.print_run_id', runIds)
      .groupBy('printed_codes.print_run_id')
      .select('printed_codes.print_run_id')
      .count('* as registered')
    for (const row of rows) {
      const runId = Number(row.print_run_id)
      counts.set(runId, (counts.get(runId) ?? 0) + Number(row.registered))
    }
  }
  return counts
}

export async function summariesOf(runs: PrintRun[]): Promise<PrintRunSummary[]> {
  const registered = await registeredCounts(runs.map((run) => run.id))
  return runs.map((run) => {
    const count = registered.get(run.id) ?? 0
    return { run, registered: count, unused: run.codesDone - count }
  })
}

/**
 * Cancels a run: its codes that no card holds stop working (the card check
 * answers "cancelled"); cards already registered from it go on working.
 * A run still reserving codes stops after the batch in hand.
 */
export async function cancelPrintRun(run: PrintRun) {
  if (run.status === 'cancelled') return run
  run.status = 'cancelled'
  run.cancelledAt = DateTime.utc()
  await run.save()
  return run
}
