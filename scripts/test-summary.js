// Reads Japa's output of each run and prints the totals as one plain line,
// "N passed, N failed", for CI. Fails when a run has no summary, when any
// test failed, or (in CI) when the browser suite did not run or was skipped.
import { readFileSync } from 'node:fs'

 
const ansi = /\u001b\[[0-9;]*m/g
let passed = 0
let failed = 0
let problems = []

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8').replace(ansi, '')
  const summary = text.match(/^\s*Tests\s+(.*)\((\d+)\)\s*$/m)
  if (!summary) {
    problems.push(`${file}: no test summary (the run did not finish)`)
    continue
  }
  const count = (word) => Number(summary[1].match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
  passed += count('passed')
  failed += count('failed')
  const skipped = count('skipped')
  if (!/^browser \//m.test(text)) problems.push(`${file}: the browser suite did not run`)
  if (process.env.CI && skipped > 0) problems.push(`${file}: ${skipped} test(s) skipped`)
}

for (const problem of problems) console.log(problem)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || problems.length ? 1 : 0)
