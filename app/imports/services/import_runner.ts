import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import importsConfig from '#config/imports'
import type { ImportKind, ImportProblem } from '#core/services/import_kind'
import { ImportFileError, openTableFile, type TableFile } from '#imports/services/table_file'
import { IdentityGuard } from '#imports/services/identity_guard'

/*
| Reading one file into the register, the same way for every kind:
|
| 1. The file as a whole: it opens (CSV in UTF-8 or Windows-1252, or XLSX),
|    has the kind's required columns, and — for cards and uses — no column
|    that looks like someone's identity. This first pass reads every row
|    (and counts them for the progress bar) before anything is written.
| 2. Row by row, in batches: the kind parses each row, the same key twice
|    in the file is refused, and the kind sorts the batch against the
|    register into added, updated, skipped and refused rows. A real run
|    writes each batch inside one transaction for the whole file; a single
|    refused row rolls it all back, so a file is imported whole or not at all.
|
| The file is read as a stream both times; only the keys seen (for
| duplicates) and the first refusals stay in memory.
*/
export type RowProblem = ImportProblem & { row: number }

export type ImportCounts = {
  rowsTotal: number | null
  rowsDone: number
  added: number
  updated: number
  skipped: number
  refused: number
}

export type ImportResult = ImportCounts & {
  /** What refused the whole file, if anything did. */
  fileProblem: { reason: string; params: Record<string, string | number> } | null
  /** The first refusals (up to `maxStoredRefusals`); `refused` counts them all. */
  refusals: RowProblem[]
  /** Whether the rows were written (a real run with nothing refused). */
  written: boolean
  /** What went wrong after the rows were written for good (an invitation not sent). */
  notices: RowProblem[]
}

/** Told of progress after every batch, with the client that sees the run's own writes. */
export type ProgressListener = (counts: ImportCounts, client: QueryClientContract) => unknown

class FileRefused extends Error {}

/** The key under `import.file_errors` of what is wrong with the file. */
const fileErrorKey = (error: ImportFileError) => error.messageKey.replace('import.file_errors.', '')

function emptyResult(): ImportResult {
  return {
    rowsTotal: null,
    rowsDone: 0,
    added: 0,
    updated: 0,
    skipped: 0,
    refused: 0,
    fileProblem: null,
    refusals: [],
    written: false,
    notices: [],
  }
}

const registry = () => db.connection('registry')

/** Pass 1: the whole file opens, has the columns, and holds no identity. Returns the row count. */
async function checkWholeFile(kind: ImportKind<unknown>, table: TableFile, result: ImportResult) {
  const missing = kind.required.filter((column) => !table.headers.includes(column))
  for (const column of missing) {
    result.refusals.push({ row: 1, column, reason: 'missing_column', params: { column } })
    result.refused++
  }
  if (missing.length > 0) {
    result.fileProblem = { reason: 'missing_columns', params: { columns: missing.join(', ') } }
    await table.close()
    return
  }
  const guard = kind.guardsIdentity
    ? new IdentityGuard(table.headers, {
        headerRow: table.headerRow,
        documented: [...kind.required, ...kind.optional],
        codeColumns: kind.codeColumns,
      })
    : null
  let rows = 0
  for await (const line of table.rows()) {
    guard?.check(line.row, line.values)
    rows++
  }
  const identity = guard?.findings()[0]
  if (identity) {
    result.fileProblem = {
      reason: 'identity_column',
      params: { column: identity.column, kind: identity.kind, row: identity.row },
    }
    return
  }
  result.rowsTotal = rows
}

function refuse(result: ImportResult, problem: RowProblem) {
  result.refused++
  if (result.refusals.length < importsConfig.maxStoredRefusals) result.refusals.push(problem)
}

/** Pass 2: parse, look for duplicates, sort against the register and (in a real run) write. */
async function readRows<Row, Context>(
  kind: ImportKind<Row, Context>,
  table: TableFile,
  result: ImportResult,
  client: QueryClientContract,
  trx: TransactionClientContract | null,
  onProgress: ProgressListener
) {
  const context = await kind.prepare(client)
  const seen = new Map<string, Map<string, number>>()
  let batch: Array<{ row: number; parsed: Row }> = []
  // SQLite has one connection: inside the file's transaction, progress goes through it.
  const progressClient = trx && trx.dialect.name !== 'mysql' ? trx : registry()

  const flush = async () => {
    if (batch.length === 0) return
    const outcomes = await kind.classify(
      batch.map((item) => item.parsed),
      client,
      context
    )
    const toWrite: Array<{ row: Row; outcome: 'add' | 'update' }> = []
    outcomes.forEach((outcome, index) => {
      if (typeof outcome === 'object') return refuse(result, { ...outcome, row: batch[index].row })
      if (outcome === 'add') result.added++
      else if (outcome === 'update') result.updated++
      else result.skipped++
      if (outcome !== 'skip') toWrite.push({ row: batch[index].parsed, outcome })
    })
    // After the first refusal nothing more is written: the transaction will be rolled back.
    if (trx && result.refused === 0 && toWrite.length > 0) await kind.write(toWrite, trx, context)
    batch = []
    await onProgress(result, progressClient)
  }

  for await (const line of table.rows()) {
    result.rowsDone++
    const values = Object.fromEntries(
      table.headers
        .map((header, index) => [header, line.values[index] ?? ''])
        .filter(([header]) => header !== '')
    )
    const parsed = kind.parse({ row: line.row, values }, context)
    if ('problems' in parsed) {
      for (const problem of parsed.problems) refuse(result, { ...problem, row: line.row })
      continue
    }
    const duplicate = Object.entries(kind.uniqueKeys(parsed.row)).find(([column, key]) => {
      const keys = seen.get(column) ?? seen.set(column, new Map()).get(column)!
      const earlier = keys.get(key)
      if (earlier === undefined) keys.set(key, line.row)
      return earlier !== undefined
    })
    if (duplicate) {
      const [column, key] = duplicate
      refuse(result, {
        row: line.row,
        column,
        reason: 'duplicate_in_file',
        params: { column, row: seen.get(column)!.get(key)! },
      })
      continue
    }
    batch.push({ row: line.row, parsed: parsed.row })
    if (batch.length >= importsConfig.batchSize) await flush()
  }
  await flush()
  return context
}

/**
 * Checks (dryRun) or imports one file of a kind. Never throws for what is
 * wrong with the file: that is in the result. A database failure rolls the
 * file back and is thrown.
 */
export async function importFile<Row, Context>(
  kind: ImportKind<Row, Context>,
  file: { path: string; name: string },
  options: { dryRun: boolean; onProgress?: ProgressListener }
): Promise<ImportResult> {
  const result = emptyResult()
  const onProgress = options.onProgress ?? (() => {})
  let table: TableFile
  try {
    table = await openTableFile(file.path, file.name)
    await checkWholeFile(kind as ImportKind<unknown>, table, result)
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    result.fileProblem = { reason: fileErrorKey(error), params: error.params }
    return result
  }
  if (result.fileProblem) return result
  await onProgress(result, registry())

  try {
    // The second pass reads the file afresh (a stream is read once).
    const rows = await openTableFile(file.path, file.name)
    if (options.dryRun) {
      await readRows(kind, rows, result, registry(), null, onProgress)
      return result
    }
    const context = await registry().transaction(async (trx) => {
      const read = await readRows(kind, rows, result, trx, trx, onProgress)
      if (result.refused > 0) throw new FileRefused()
      return read
    })
    result.written = true
    const notices = (await kind.afterCommit?.(context)) ?? []
    result.notices = notices.map((notice) => ({ ...notice, reason: `notices.${notice.reason}` }))
  } catch (error) {
    if (error instanceof ImportFileError) {
      result.fileProblem = { reason: fileErrorKey(error), params: error.params }
    } else if (!(error instanceof FileRefused)) {
      throw error
    }
  }
  return result
}
