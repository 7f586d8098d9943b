/*
| A light HTTP client for the benches' hot loops. The bench runs on the same
| two cores as the server it measures, and fetch (undici) cost some 0.5 ms of
| the machine's CPU a request there, a third of what the server spends: its
| load took CPU from the server under test. node:http with kept-alive sockets
| costs 0.15-0.35 ms. The answer has the few parts of a fetch Response the
| benches read. Like a browser (and fetch), it accepts brotli and gzip, so the
| server compresses its answers as it does for the box office's browser;
| BENCH_ENCODING=identity asks for them uncompressed.
*/
import http from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

export type Answer = {
  status: number
  headers: { get(name: string): string | null; getSetCookie(): string[] }
  text(): Promise<string>
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
const ACCEPT_ENCODING = process.env.BENCH_ENCODING ?? 'br, gzip'

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { 'accept-encoding': ACCEPT_ENCODING, ...options.headers },
        agent,
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('error', reject)
        incoming.on('end', () => {
          const headers = incoming.headers
          resolve({
            status: incoming.statusCode ?? 0,
            headers: {
              get: (name) => {
                const value = headers[name.toLowerCase()]
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
              },
              getSetCookie: () => headers['set-cookie'] ?? [],
            },
            text: async () => decoded(Buffer.concat(chunks), headers['content-encoding']),
          })
        })
      }
    )
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

function decoded(body: Buffer, encoding: string | undefined) {
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8')
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8')
  return body.toString('utf8')
}
