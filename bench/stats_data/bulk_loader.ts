import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| Bulk loading, and the SQL literals of the generated rows.
|
| Rows collect per table; a full table sends every waiting table in foreign
| key order, one multi-row INSERT each. One statement is on its way while the
| next rows are generated; every so many statements the transaction commits.
| On MySQL/MariaDB the loading session skips unique and foreign key checks.
*/

/** Multi-row INSERTs per transaction. */
const STATEMENTS_PER_TRANSACTION = 25

export const columnList = (list: string) => list.split(', ')

/** Turns the generator's own values into SQL literals (numbers, dates, codes, fixed names). */
export class Literal {
  constructor(private mysql: boolean) {}

  text(value: string | null | undefined) {
    if (value === null || value === undefined) return 'NULL'
    const escaped = this.mysql ? value.replace(/\\/g, '\\\\') : value
    return `'${escaped.replace(/'/g, "''")}'`
  }

  number(value: number | null | undefined) {
    return value === null || value === undefined ? 'NULL' : String(value)
  }
}

class TableBuffer {
  rows: string[] = []
  inserted = 0

  constructor(
    readonly name: string,
    readonly columns: string[],
    readonly chunk: number
  ) {}

  /** Adds a row; true when the table should be sent. */
  push(row: string) {
    this.rows.push(row)
    return this.rows.length >= this.chunk
  }
}

/** One connection's part of the loading: its open transaction and its statement on the way. */
class Lane {
  transaction: TransactionClientContract | null = null
  pending: Promise<unknown> = Promise.resolve()
  statements = 0
}

export class BulkLoader {
  readonly tables: TableBuffer[] = []
  readonly #lanes: Lane[]
  #turn = 0

  /** On MySQL/MariaDB, `lanes` connections take statements in turn (SQLite has one). */
  constructor(
    private client: QueryClientContract,
    private mysql: boolean,
    lanes = 2
  ) {
    this.#lanes = Array.from({ length: mysql ? lanes : 1 }, () => new Lane())
  }

  table(name: string, columns: string[]) {
    // SQLite binds at most 32,766 variables: the chunks stay under that even as parameters.
    const chunk = this.mysql ? 2000 : Math.min(500, Math.floor(32_000 / columns.length))
    const table = new TableBuffer(name, columns, chunk)
    this.tables.push(table)
    return table
  }

  /** Sends every waiting table, parents first. */
  async flush() {
    for (const table of this.tables) {
      if (!table.rows.length) continue
      const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${table.rows.join(',')}`
      table.inserted += table.rows.length
      table.rows = []
      await this.#send(sql)
    }
  }

  async finish() {
    await this.flush()
    for (const lane of this.#lanes) {
      await lane.pending
      await this.#commit(lane)
    }
  }

  async abort() {
    for (const lane of this.#lanes) {
      await lane.pending.catch(() => {})
      const transaction = lane.transaction
      lane.transaction = null
      if (!transaction) continue
      if (this.mysql) {
        await transaction
          .rawQuery('SET SESSION unique_checks = 1, foreign_key_checks = 1')
          .catch(() => {})
      }
      await transaction.rollback().catch(() => {})
    }
  }

  async #send(sql: string) {
    const lane = this.#lanes[this.#turn]
    this.#turn = (this.#turn + 1) % this.#lanes.length
    await lane.pending
    if (lane.statements >= STATEMENTS_PER_TRANSACTION) await this.#commit(lane)
    if (!lane.transaction) {
      lane.transaction = await this.client.transaction()
      if (this.mysql) {
        await lane.transaction.rawQuery('SET SESSION unique_checks = 0, foreign_key_checks = 0')
      }
    }
    const query = lane.transaction.rawQuery(sql).exec()
    // Awaited before the lane's next statement; marked handled so a failure waits for that.
    query.catch(() => {})
    lane.pending = query
    lane.statements++
  }

  async #commit(lane: Lane) {
    const transaction = lane.transaction
    if (!transaction) return
    lane.transaction = null
    lane.statements = 0
    if (this.mysql) {
      await transaction.rawQuery('SET SESSION unique_checks = 1, foreign_key_checks = 1')
    }
    await transaction.commit()
  }
}
