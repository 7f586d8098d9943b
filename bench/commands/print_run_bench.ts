import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
| node ace print-run:bench (bench/print-run): how fast a print run's codes
| are reserved and its PDF drawn, on the database of .env. Orders a run of
| --cards personal bilingual cards for the first area straight through the
| model, reserves its codes as the app does (batches, `codes_done`), then
| streams both PDF layouts into a sink that only counts bytes, and prints
| codes per second, pages per second and the heap at its peak. Removes the
| run and its codes at the end unless --keep.
*/
export default class PrintRunBench extends BaseCommand {
  static commandName = 'print-run:bench'
  static description = 'Codes per second and PDF pages per second of a print run (bench/print-run)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Cards in the run', default: 10_000 })
  declare cards: number

  @flags.boolean({ description: 'Keep the run and its codes' })
  declare keep: boolean

  async run() {
    if (this.app.inProduction || process.env.NODE_ENV === 'production') {
      this.logger.error('print-run:bench refuses to run in production (NODE_ENV=production)')
      this.exitCode = 1
      return
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: PrintRun } = await import('#registry/models/print_run')
    const { default: Area } = await import('#registry/models/area')
    const { generatePrintRun } = await import('#registry/services/print_run_generation')
    const { printRunPdf } = await import('#registry/services/print_run_pdf')

    const area = await Area.query().orderBy('id').first()
    if (!area) {
      this.logger.error('No area: seed the demo data first (node ace db:seed)')
      this.exitCode = 1
      return
    }
    const run = await PrintRun.create({
      areaId: area.id,
      organisationId: null,
      cardType: 'personal',
      language: 'fi_sv',
      quantity: this.cards,
      status: 'queued',
      codesDone: 0,
      orderedByUserId: null,
      submissionKey: null,
    })
    try {
      let started = performance.now()
      await generatePrintRun(run.id)
      const reserveSeconds = (performance.now() - started) / 1000
      await run.refresh()
      this.logger.info(
        `codes: ${run.codesDone} reserved in ${reserveSeconds.toFixed(2)} s = ${Math.round(run.codesDone / reserveSeconds)} codes/s (${db.connection('registry').dialect.name})`
      )

      let peakHeap = 0
      const sampler = setInterval(() => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
      }, 50)
      for (const layout of ['card', 'sheet'] as const) {
        let bytes = 0
        const sink = new Writable({
          write(chunk, _encoding, done) {
            bytes += chunk.length
            done()
          },
        })
        started = performance.now()
        await pipeline(printRunPdf(run, layout), sink)
        const seconds = (performance.now() - started) / 1000
        const pages = layout === 'card' ? this.cards : Math.ceil(this.cards / 10)
        this.logger.info(
          `pdf ${layout}: ${pages} pages (${this.cards} cards, ${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s = ${Math.round(pages / seconds)} pages/s, ${Math.round(this.cards / seconds)} cards/s`
        )
      }
      clearInterval(sampler)
      this.logger.info(`heap at its peak: ${Math.round(peakHeap / 1e6)} MB`)
    } finally {
      if (!this.keep) {
        await db.connection('registry').from('printed_codes').where('print_run_id', run.id).delete()
        await run.delete()
      }
    }
  }
}
