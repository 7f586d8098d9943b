import type { ImportCounts } from '#imports/services/import_runner'

const WIDTH = 30

/**
 * The terminal's progress bar for an import: redrawn in place on a terminal,
 * a line every tenth of the way when the output is a log.
 */
export function progressBar(out: NodeJS.WriteStream) {
  let lastTenth = -1
  let drawn = false
  return {
    update: (counts: ImportCounts) => {
      if (!counts.rowsTotal) return
      const share = Math.min(1, counts.rowsDone / counts.rowsTotal)
      const text = `${Math.round(share * 100)
        .toString()
        .padStart(3)} % ${counts.rowsDone}/${counts.rowsTotal} rows, ${counts.refused} refused`
      if (out.isTTY) {
        const filled = Math.round(share * WIDTH)
        out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${text}`)
        drawn = true
      } else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10)
        out.write(`${text}\n`)
      }
    },
    end: () => {
      if (drawn) out.write('\n')
    },
  }
}
