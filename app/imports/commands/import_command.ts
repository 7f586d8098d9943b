import { writeFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { ImportKindName } from '#core/services/import_kind'

/**
 * `node ace import:<kind> FILE [--dry-run]`: the admin page's import from the
 * terminal, recorded among the import runs like one from the page. Prints a
 * progress bar, the counts and the first refusals; `--report` writes them all
 * as CSV. Exits with 1 when the file was refused.
 */
export default abstract class ImportCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }
  abstract kind: ImportKindName

  @args.string({ description: 'The CSV or XLSX file' })
  declare file: string

  @flags.boolean({ description: 'Check the file and report, without writing anything' })
  declare dryRun: boolean

  @flags.string({ description: 'Write the refusals as CSV to this file' })
  declare report: string

  async run() {
    const { createRun, executeRun } = await import('#imports/services/import_runs')
    const { reportCsv } = await import('#imports/services/import_report')
    const { progressBar } = await import('#imports/services/progress_bar')
    const { default: i18n } = await import('@adonisjs/i18n/services/main')
    const messages = i18n.locale(i18n.defaultLocale)

    const path = resolve(this.file)
    const run = await createRun({
      kind: this.kind,
      dryRun: Boolean(this.dryRun),
      uploadedAs: basename(path),
      storedFile: null,
      userId: null,
    })
    const bar = progressBar(process.stderr)
    const finished = await executeRun(run.id, { path, onProgress: bar.update })
    bar.end()
    if (!finished) return
    const report = await reportCsv(messages, finished)
    this.logger.log(
      [
        `${this.dryRun ? 'Checked' : 'Imported'} ${finished.rowsDone} rows of ${finished.uploadedAs} (run ${finished.id}): ${finished.status}`,
        `added ${finished.added}, updated ${finished.updated}, skipped ${finished.skipped}, refused ${finished.refused}`,
        ...report.lines.slice(0, 20).map((line) => `  ${line.join(' | ')}`),
        ...(report.lines.length > 20 ? [`  … ${finished.refused - 20} more`] : []),
      ].join('\n')
    )
    if (this.report) await writeFile(this.report, report.csv)
    if (finished.status !== 'done') this.exitCode = 1
  }
}
