import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type {
  ImportKind,
  ImportNotice,
  ImportOutcome,
  ImportProblem,
} from '#core/services/import_kind'

/*
| Runs one kind of import file the way the import machinery does, without
| reading a file: prepare → parse → the file's unique keys → classify, and in
| a real run write in one transaction, then afterCommit once it committed.
| Rows are numbered as in a file with a header line (the first row is 2).
*/

export type Refusal = { row: number } & ImportProblem

export type KindReport<Context> = {
  add: number
  update: number
  skip: number
  refusals: Refusal[]
  notices: ImportNotice[]
  context: Context
}

/** Rows as the machinery hands them over: values by lower-case header name. */
export function table(header: string[], ...rows: string[][]) {
  return rows.map((cells, index) => ({
    row: index + 2,
    values: Object.fromEntries(header.map((name, column) => [name, cells[column] ?? ''])),
  }))
}

async function pass<Row, Context>(
  kind: ImportKind<Row, Context>,
  lines: ReturnType<typeof table>,
  client: QueryClientContract,
  write: boolean
) {
  const context = await kind.prepare(client)
  const refusals: Refusal[] = []
  const rows: Array<{ row: number; value: Row }> = []
  const seen = new Set<string>()
  for (const line of lines) {
    const parsed = kind.parse(line, context)
    if ('problems' in parsed) {
      refusals.push(...parsed.problems.map((problem) => ({ row: line.row, ...problem })))
      continue
    }
    const twice = Object.entries(kind.uniqueKeys(parsed.row)).find(([column, key]) =>
      seen.has(`${column}|${key}`)
    )
    if (twice) {
      refusals.push({ row: line.row, column: twice[0], reason: 'twice_in_file' })
      continue
    }
    for (const [column, key] of Object.entries(kind.uniqueKeys(parsed.row))) {
      seen.add(`${column}|${key}`)
    }
    rows.push({ row: line.row, value: parsed.row })
  }
  const outcomes = await kind.classify(
    rows.map(({ value }) => value),
    client,
    context
  )
  const counts = { add: 0, update: 0, skip: 0 }
  const toWrite: Array<{ row: Row; outcome: 'add' | 'update' }> = []
  outcomes.forEach((outcome: ImportOutcome | ImportProblem, index) => {
    if (typeof outcome !== 'string') {
      refusals.push({ row: rows[index].row, ...outcome })
      return
    }
    counts[outcome]++
    if (outcome !== 'skip') toWrite.push({ row: rows[index].value, outcome })
  })
  if (write && toWrite.length) {
    await kind.write(toWrite, client as Parameters<typeof kind.write>[1], context)
  }
  return { ...counts, refusals, context }
}

/** The dry run: what would be added, updated, skipped and refused; nothing written. */
export async function dryRun<Row, Context>(
  kind: ImportKind<Row, Context>,
  lines: ReturnType<typeof table>
): Promise<KindReport<Context>> {
  return { ...(await pass(kind, lines, db.connection('registry'), false)), notices: [] }
}

/**
 * The real run: all or nothing. A file with a refused row writes nothing;
 * `failAfterWrite` makes the transaction fail after the last write, as a
 * crash or a refused last row would.
 */
export async function realRun<Row, Context>(
  kind: ImportKind<Row, Context>,
  lines: ReturnType<typeof table>,
  options: { failAfterWrite?: boolean } = {}
): Promise<KindReport<Context>> {
  const report = await db.connection('registry').transaction(async (trx) => {
    const result = await pass(kind, lines, trx, true)
    if (result.refusals.length) throw Object.assign(new Error('refused'), { result })
    if (options.failAfterWrite) throw Object.assign(new Error('failed'), { result })
    return result
  })
  return { ...report, notices: (await kind.afterCommit?.(report.context)) ?? [] }
}

/** The real run of a file that fails: the report of the rolled-back pass. */
export async function failedRun<Row, Context>(
  kind: ImportKind<Row, Context>,
  lines: ReturnType<typeof table>,
  options: { failAfterWrite?: boolean } = {}
): Promise<KindReport<Context>> {
  try {
    await realRun(kind, lines, options)
  } catch (error) {
    if (error instanceof Error && 'result' in error) {
      return { ...(error.result as Omit<KindReport<Context>, 'notices'>), notices: [] }
    }
    throw error
  }
  throw new Error('the run was expected to fail')
}
