import { test } from '@japa/runner'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { MIN_COMPRESSED_BYTES, compress } from '#core/services/compression'

/** A page's worth of varied text, `bytes` long. */
function page(bytes: number) {
  const rows: string[] = []
  for (let i = 0; rows.join('').length < bytes; i++)
    rows.push(`<tr><td>${i}</td><td>Kortti ${(i * 7919).toString(36).toUpperCase()}</td></tr>\n`)
  return Buffer.from(rows.join('').slice(0, bytes))
}

const decompress = { br: brotliDecompressSync, gzip: gunzipSync }

test.group('Compression', () => {
  test(
    '{$self} comes back whole, smaller, in brotli and gzip, made on the spot or in the thread pool'
  )
    .with(['a fragment of 3 kB', 'a page of 60 kB'])
    .run(async ({ assert }, size) => {
      const body = page(size.includes('3 kB') ? 3000 : 60_000)
      for (const encoding of ['br', 'gzip'] as const) {
        for (const effort of ['quick', 'best'] as const) {
          const compressed = await compress(body, encoding, effort)
          assert.isNotNull(compressed)
          assert.isBelow(compressed!.length, body.length)
          assert.isTrue(decompress[encoding](compressed!).equals(body), `${encoding} ${effort}`)
        }
      }
    })

  test('a body too small to gain is left as it is', async ({ assert }) => {
    assert.isNull(await compress(page(MIN_COMPRESSED_BYTES - 1), 'br', 'quick'))
  })
})
