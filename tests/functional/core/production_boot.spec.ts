import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

const BOOT_TIMEOUT_MS = 20_000

/**
 * Starts the web server from the source tree with exactly these settings
 * (no .env file is read: ENV_PATH points at an empty folder) and waits for it to exit; a server that keeps
 * running is killed and reported as such.
 */
async function startServer(settings: Record<string, string>) {
  const folder = await mkdtemp(join(tmpdir(), 'kaikukanta-boot-'))
  try {
    return await new Promise<{ code: number | null; output: string; killed: boolean }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
          cwd: app.makePath(),
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            ENV_PATH: folder,
            ...settings,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let output = ''
        child.stdout.on('data', (chunk) => (output += chunk))
        child.stderr.on('data', (chunk) => (output += chunk))
        let killed = false
        const timer = setTimeout(() => {
          killed = true
          child.kill('SIGKILL')
        }, BOOT_TIMEOUT_MS)
        child.on('error', reject)
        child.on('close', (code) => {
          clearTimeout(timer)
          resolve({ code, output: stripVTControlCharacters(output), killed })
        })
      }
    )
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

test.group('Booting in production', () => {
  test('development settings stop the server at boot, each named with what to set', async ({
    assert,
  }) => {
    const { code, output, killed } = await startServer({
      NODE_ENV: 'production',
      PORT: '3459',
      HOST: '127.0.0.1',
      APP_URL: 'http://127.0.0.1:3459',
      APP_KEY: 'a-production-key-of-at-least-32-characters',
      LOG_LEVEL: 'warn',
      SESSION_DRIVER: 'database',
      DB_ENGINE: 'sqlite',
      MAIL_TRANSPORT: 'log',
      MAIL_FROM_ADDRESS: 'kaikukanta@example.fi',
      MAIL_FROM_NAME: 'Kaikukanta',
      LIMITER_STORE: 'database',
      LOCK_STORE: 'memory',
      SMS_TRANSPORT: 'log',
    })

    assert.isFalse(killed, `the server was still running after ${BOOT_TIMEOUT_MS} ms:\n${output}`)
    assert.notEqual(code, 0)
    assert.include(output, 'Kaikukanta does not start in production')
    for (const sentence of [
      'DB_ENGINE is sqlite',
      'DB_HOST is not set',
      'LOCK_STORE is memory',
      'MAIL_TRANSPORT is log',
      'SMS_TRANSPORT is log',
      'TWILIO_ACCOUNT_SID is not set',
    ]) {
      assert.include(output, sentence)
    }
    assert.notInclude(output, 'SESSION_DRIVER')
    assert.notInclude(output, 'APP_KEY is')
  }).timeout(BOOT_TIMEOUT_MS + 10_000)
})
