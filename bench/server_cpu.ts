import { execSync } from 'node:child_process'
import { readFileSync, readdirSync, readlinkSync } from 'node:fs'

/*
| The server process's CPU time, for the benches' "server CPU per request":
| user and system time from /proc/<pid>/stat (Linux), which other work on a
| shared machine disturbs less than throughput does.
*/

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100
  } catch {
    return 100
  }
})()

/** The process's user plus system time so far, in milliseconds. */
export function cpuMs(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

/** The process listening on a TCP port of this machine, from /proc/net/tcp{,6} and /proc/<pid>/fd. */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[]
    try {
      lines = readFileSync(table, 'utf8').trim().split('\n').slice(1)
    } catch {
      continue
    }
    for (const line of lines) {
      const columns = line.trim().split(/\s+/)
      const localPort = Number.parseInt(columns[1].split(':')[1], 16)
      // State 0A: listening.
      if (localPort === port && columns[3] === '0A') inodes.add(`socket:[${columns[9]}]`)
    }
  }
  if (!inodes.size) return null
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${entry}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry)
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return null
}
