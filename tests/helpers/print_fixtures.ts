import PrintRun from '#registry/models/print_run'
import PrintedCode from '#registry/models/printed_code'
import type Organisation from '#registry/models/organisation'
import type { CardType } from '#registry/models/card'
import { newFreeCode } from '#registry/services/printed_codes'
import db from '@adonisjs/lucid/services/db'

/**
 * A finished print run of an organisation's area with `count` reserved codes,
 * written straight to the tables (ordering a run is not under test here).
 */
export async function createPrintRun(
  area: { id: number },
  options: {
    organisation?: Organisation | null
    cardType?: CardType
    count?: number
    cancelled?: boolean
  } = {}
) {
  const count = options.count ?? 3
  const run = await PrintRun.create({
    areaId: area.id,
    organisationId: options.organisation?.id ?? null,
    cardType: options.cardType ?? 'personal',
    language: 'fi',
    quantity: count,
    status: options.cancelled ? 'cancelled' : 'ready',
    codesDone: count,
    orderedByUserId: null,
    submissionKey: null,
    readyAt: null,
    cancelledAt: null,
  })
  const codes: string[] = []
  for (let index = 0; index < count; index++) {
    const code = await newFreeCode(db.connection('registry'))
    await PrintedCode.create({ code, printRunId: run.id })
    codes.push(code)
  }
  return { run, codes }
}
