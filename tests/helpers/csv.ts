import { parse } from 'csv-parse/sync'

const BOM = '\uFEFF'

/**
 * A CSV download read back as a spreadsheet reads it: rows of cells. It must
 * start with the UTF-8 byte-order mark (Excel on Windows needs it for ä and ö).
 */
export function readCsv(download: string | Buffer): string[][] {
  const text = typeof download === 'string' ? download : download.toString('utf8')
  if (!text.startsWith(BOM)) throw new Error('The CSV does not start with a byte-order mark')
  return parse(text.slice(BOM.length), { relax_column_count: true })
}
