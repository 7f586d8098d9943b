// `npm run demo`: a working Kaikukanta on SQLite in one step. Creates .env
// (with a fresh APP_KEY) when missing, migrates both databases, seeds the
// demo data and starts the server.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { spawnSync, spawn } from 'node:child_process'

if (!existsSync('.env')) {
  const example = readFileSync('.env.example', 'utf8')
  const key = randomBytes(32).toString('base64url')
  writeFileSync('.env', example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
  console.log('Created .env from .env.example with a new APP_KEY')
}
mkdirSync('tmp', { recursive: true })

function ace(...args) {
  const result = spawnSync(process.execPath, ['ace', ...args], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

ace('migration:run', '--connection=registry', '--force')
ace('migration:run', '--connection=omakaiku', '--force')
ace('db:seed')

const env = Object.fromEntries(
  readFileSync('.env', 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split(/=(.*)/s).slice(0, 2))
)
console.log(`
Kaikukanta is starting at http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? '3333'}
Demo accounts (password: kaikukortti-demo):
  admin@kaikukanta.test           national centre (admin)
  koordinaattori@kaikukanta.test  area coordinator, Pirkanmaa
  jakaja@kaikukanta.test          distributor, Tampereen aikuissosiaalityö
  jakaja.oulu@kaikukanta.test     distributor, Oulun perhekeskus
  kohde@kaikukanta.test           venue, Tampereen Teatteri
  lipunvalittaja@kaikukanta.test  ticket agent, Lippupiste Pirkanmaa
Stop with Ctrl+C.
`)
const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
  stdio: 'inherit',
})
process.on('SIGINT', () => server.kill('SIGINT'))
process.on('SIGTERM', () => server.kill('SIGTERM'))
server.on('exit', (code) => process.exit(code ?? 0))
