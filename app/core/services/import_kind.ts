import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| What one kind of import file (organisations, staff users, cards, uses,
| yearly totals) tells the import machinery (module `imports`). Each kind
| lives in the module that owns its tables and writes them only through
| its own code; the machinery reads the file, guards the border, counts,
| reports and holds the one transaction a file is written in.
*/
/** The kinds of file, in the order they are imported: each refers to the ones before it. */
export const IMPORT_KINDS = ['organisations', 'users', 'cards', 'uses', 'yearly_totals'] as const
export type ImportKindName = (typeof IMPORT_KINDS)[number]

/** Why a row is refused: a key under `import.refusals.*` and its values (never an identity). */
export type ImportProblem = {
  /** The column's header as the file has it; null for the row as a whole. */
  column: string | null
  reason: string
  params?: Record<string, string | number>
}

export type ImportOutcome = 'add' | 'update' | 'skip'

/** One row of the file: `values` by the header names of the documented format (lower case). */
export type ImportLine = { row: number; values: Record<string, string> }

export type ParsedLine<Row> = { row: Row } | { problems: ImportProblem[] }

/**
 * What could not be done after the file was committed (its rows stay
 * written), for the report: the row and why, a key under `import.notices.*`.
 */
export type ImportNotice = { row: number; column: string | null; reason: string }

export interface ImportKind<Row, Context = unknown> {
  name: ImportKindName
  /** Header names the file must have, and those it may have (docs/IMPORT.md). */
  required: readonly string[]
  optional: readonly string[]
  /** Whether a column that looks like identity refuses the file (cards and uses). */
  guardsIdentity: boolean
  /** Columns of card codes: an old all-digit code there is a code, not a phone number. */
  codeColumns?: readonly string[]
  /** Loads what parsing needs, once per pass (e.g. organisations by source id). */
  prepare(client: QueryClientContract): Promise<Context>
  /** One row into a typed row, or what is wrong with it; no database. */
  parse(line: ImportLine, context: Context): ParsedLine<Row>
  /**
   * Keys that must be unique within the file, by column: a second row with
   * the same key is refused on that column ("the same code twice").
   */
  uniqueKeys(row: Row): Record<string, string>
  /**
   * Sorts a batch against the register: a new row is added, a changed row
   * updated, an unchanged row skipped; or refused (e.g. a code another card holds).
   */
  classify(
    rows: Row[],
    client: QueryClientContract,
    context: Context
  ): Promise<Array<ImportOutcome | ImportProblem>>
  /** Writes a batch of added and updated rows inside the file's transaction. */
  write(
    rows: Array<{ row: Row; outcome: 'add' | 'update' }>,
    trx: TransactionClientContract,
    context: Context
  ): Promise<void>
  /**
   * Runs once after the real run's transaction has committed, with the same
   * context its write() calls had; never after a dry run or a rollback. For
   * what must not happen unless the rows are there for good, such as e-mail
   * to the staff users just added. Its failures cannot undo the file: they
   * come back as notices for the report.
   */
  afterCommit?(context: Context): Promise<ImportNotice[]>
}
