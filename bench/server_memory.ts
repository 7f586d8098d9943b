import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

/*
| The running server's resident memory (VmRSS in /proc/<pid>/status), so that
| two bench runs in a row show whether it grows. The process is
| BENCH_SERVER_PID, or else the one listening on the bench's port (found by
| the socket's inode in /proc/net/tcp and the processes' open files; Linux only).
*/

/** The inode of the socket listening on the port, or null. */
function listeningInode(port: number) {
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[]
    try {
      lines = readFileSync(file, 'utf8').split('\n').slice(1)
    } catch {
      continue
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/)
      // local_address is "ADDRESS:PORT" in hex; state 0A is LISTEN.
      if (fields.length < 10 || fields[3] !== '0A') continue
      if (Number.parseInt(fields[1].split(':')[1], 16) === port) return fields[9]
    }
  }
  return null
}

function pidListeningOn(port: number) {
  const inode = listeningInode(port)
  if (!inode) return null
  const socket = `socket:[${inode}]`
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let descriptors: string[]
    try {
      descriptors = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const descriptor of descriptors) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${descriptor}`) === socket) return Number(pid)
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return null
}

/** "VmRSS 312.4 MB (pid 1234)", or why it could not be read. */
export function serverMemory(baseUrl: string) {
  const pid = process.env.BENCH_SERVER_PID
    ? Number(process.env.BENCH_SERVER_PID)
    : pidListeningOn(Number(new URL(baseUrl).port || 80))
  if (!pid) return `server resident memory: no process found listening on ${baseUrl}`
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kilobytes = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1])
    return `server resident memory: VmRSS ${(kilobytes / 1024).toFixed(1)} MB (pid ${pid})`
  } catch (error) {
    return `server resident memory: unreadable for pid ${pid} (${(error as Error).message})`
  }
}
