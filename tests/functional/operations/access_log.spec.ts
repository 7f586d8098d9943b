import { test } from '@japa/runner'
import logger from '@adonisjs/core/services/logger'
import { Logger } from '@adonisjs/core/logger'
import { generateCardCode } from '#registry/services/card_code'
import { urlFor } from '@adonisjs/core/services/url_builder'

/**
 * Points the request loggers at an in-memory stream for one test: the
 * server makes each request's logger as a child of the app's logger.
 */
function captureRequestLogs() {
  const lines: Record<string, unknown>[] = []
  const capture = new Logger({
    enabled: true,
    name: 'kaikukanta',
    level: 'info',
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  })
  const manager = logger as unknown as { child: Logger['child'] }
  manager.child = (bindings, options) => capture.child(bindings, options)
  const restore = () => {
    delete (manager as Partial<typeof manager>).child
  }
  return { lines, restore }
}

test.group('Access log', () => {
  test('one line per request with the route pattern and request id, never the URL', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { lines, restore } = captureRequestLogs()
    cleanup(restore)
    const code = generateCardCode()
    const token = 'secret-reset-token-abcdef123456'

    const response = await client
      .get(urlFor('password_reset.edit', { token }, { qs: { code } }))
      .header('x-request-id', 'req-test-42')

    const requestLines = lines.filter((line) => line.msg === 'request')
    assert.lengthOf(requestLines, 1)
    const [line] = requestLines
    assert.equal(line.method, 'GET')
    assert.equal(line.route, '/password/reset/:token')
    assert.equal(line.status, response.status())
    assert.isNumber(line.durationMs)
    assert.equal(line.request_id, 'req-test-42')
    assert.equal(line.level, 30, 'info')
    const written = JSON.stringify(lines)
    assert.notInclude(written, code)
    assert.notInclude(written, token)
    assert.notInclude(written, 'code=')
  })
})
