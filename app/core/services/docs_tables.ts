import { readFile, writeFile } from 'node:fs/promises'

/*
| Tables in the docs written from the code (modules, jobs, retention): each
| sits between `<!-- NAME begin -->` and `<!-- NAME end -->` in its document,
| and a test compares it with what the code prints now.
*/
const markers = (name: string) => [`<!-- ${name} begin -->\n`, `\n<!-- ${name} end -->`]

/** The text between a document's markers, or null if it has none. */
export async function tableInDocs(path: string, name: string): Promise<string | null> {
  const docs = await readFile(path, 'utf8')
  const [begin, end] = markers(name)
  const start = docs.indexOf(begin)
  const stop = docs.indexOf(end, start)
  if (start < 0 || stop < 0) return null
  return docs.slice(start + begin.length, stop)
}

/** Replaces the text between a document's markers; false if it has none. */
export async function writeTableInDocs(path: string, name: string, table: string) {
  const docs = await readFile(path, 'utf8')
  const [begin, end] = markers(name)
  const start = docs.indexOf(begin)
  const stop = docs.indexOf(end, start)
  if (start < 0 || stop < 0) return false
  await writeFile(path, `${docs.slice(0, start + begin.length)}${table}${docs.slice(stop)}`)
  return true
}
