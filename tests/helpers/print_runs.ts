import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import PrintRun from '#registry/models/print_run'
import type User from '#registry/models/user'
import type Area from '#registry/models/area'
import { orderPrintRun } from '#registry/services/print_runs'
import { generatePrintRun, type CodeMaker } from '#registry/services/print_run_generation'

/** The order form as a browser sends it. */
export function printRunForm(overrides: Record<string, unknown> = {}) {
  return {
    cardType: 'personal',
    language: 'fi',
    quantity: '25',
    submissionKey: randomUUID(),
    ...overrides,
  }
}

/** Waits until the run's codes are reserved (by the web process that took the order). */
export async function waitForRun(id: number, timeoutMs = 20_000) {
  const started = Date.now()
  for (;;) {
    const run = await PrintRun.findOrFail(id)
    if (!['queued', 'generating'].includes(run.status)) return run
    if (Date.now() - started > timeoutMs) throw new Error(`Print run ${id} is still ${run.status}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A run ordered and its codes reserved, without the web. */
export async function readyRun(
  actor: User,
  area: Area,
  overrides: {
    quantity?: number
    cardType?: 'personal' | 'community'
    language?: 'fi' | 'sv' | 'fi_sv'
  } = {},
  makeCode?: CodeMaker
) {
  const run = await orderPrintRun(actor, {
    cardType: overrides.cardType ?? 'personal',
    language: overrides.language ?? 'fi',
    quantity: overrides.quantity ?? 5,
    areaId: area.id,
    submissionKey: randomUUID(),
  })
  await generatePrintRun(run.id, makeCode)
  return PrintRun.findOrFail(run.id)
}

/** The run's codes in the order they were reserved. */
export async function codesOf(run: PrintRun): Promise<string[]> {
  const rows = await db
    .connection('registry')
    .from('printed_codes')
    .where('print_run_id', run.id)
    .orderBy('id')
    .select('code')
  return rows.map((row: { code: string }) => row.code)
}
