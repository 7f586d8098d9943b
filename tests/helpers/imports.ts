import { mkdir, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import type { ImportKindName } from '#core/services/import_kind'
import ImportRun from '#imports/models/import_run'
import { createRun, executeRun } from '#imports/services/import_runs'

/** Writes a file for an import test under tmp/test/imports and returns its path. */
export async function importFile(name: string, content: string | Buffer) {
  const dir = app.makePath('tmp/test/imports', randomUUID())
  await mkdir(dir, { recursive: true })
  const path = `${dir}/${name}`
  await writeFile(path, content)
  return path
}

/** A `;`-separated CSV of the rows, as the old register's export gives them. */
export function csv(...rows: string[][]) {
  return rows.map((row) => row.join(';')).join('\r\n') + '\r\n'
}

/** Runs a file to its end as `node ace import:<kind>` does. */
export async function runImportOf(kind: ImportKindName, path: string, dryRun: boolean) {
  const run = await createRun({
    kind,
    dryRun,
    uploadedAs: path.split('/').pop()!,
    storedFile: null,
    userId: null,
  })
  return (await executeRun(run.id, { path }))!
}

/** Waits until a run started by a request (in the background) has finished. */
export async function waitForImportRun(id: number, timeoutMs = 20_000) {
  const started = Date.now()
  for (;;) {
    const run = await ImportRun.findOrFail(id)
    if (!run.working) return run
    if (Date.now() - started > timeoutMs) throw new Error(`import run ${id} did not finish`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
