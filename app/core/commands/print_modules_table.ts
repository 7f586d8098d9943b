import { readFile, writeFile } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const BEGIN = '<!-- modules:table begin -->'
const END = '<!-- modules:table end -->'

/** Prints (or writes into docs/ARCHITECTURE.md) the module table from app/<module>/module.ts. */
export default class PrintModulesTable extends BaseCommand {
  static commandName = 'modules:table'
  static description = 'Print the module table of docs/ARCHITECTURE.md from the module declarations'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Write it into docs/ARCHITECTURE.md between its markers' })
  declare write: boolean

  async run() {
    const { MODULES } = await import('#start/modules')
    const { modulesMarkdownTable } = await import('#core/services/module_table')
    const table = modulesMarkdownTable(MODULES)
    if (!this.write) return this.logger.log(table)

    const path = this.app.makePath('docs/ARCHITECTURE.md')
    const docs = await readFile(path, 'utf8')
    const start = docs.indexOf(BEGIN)
    const end = docs.indexOf(END)
    if (start < 0 || end < start) {
      this.exitCode = 1
      return this.logger.error(`docs/ARCHITECTURE.md has no ${BEGIN} … ${END} markers`)
    }
    await writeFile(path, `${docs.slice(0, start + BEGIN.length)}\n${table}\n${docs.slice(end)}`)
    this.logger.success('docs/ARCHITECTURE.md: module table written')
  }
}
