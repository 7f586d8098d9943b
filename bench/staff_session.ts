/*
| A signed-in staff browser session for the benches: its cookies and the CSRF
| token of a page, by the same sign-in form a person uses. `keep` takes the
| cookies a later answer sets, as a browser does.
*/
import type { Answer } from './http_client.js'

export const DEMO_PASSWORD = 'kaikukortti-demo'

export async function signIn(
  base: string,
  email: string,
  formPage: string,
  password = DEMO_PASSWORD
) {
  const cookies: Record<string, string> = {}
  const keep = (response: Answer) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...value] = pair.split('=')
      cookies[name] = value.join('=')
    }
  }
  const header = () =>
    Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ')
  const token = async (path: string) => {
    const response = await fetch(base + path, { headers: { cookie: header() }, redirect: 'manual' })
    keep(response)
    const match = /name='_csrf' value='([^']+)'/.exec(await response.text())
    if (!match) throw new Error(`No form on ${path} (status ${response.status})`)
    return match[1]
  }
  const loginToken = await token('/login')
  const login = await fetch(base + '/login', {
    method: 'POST',
    headers: { 'cookie': header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginToken, email, password }),
    redirect: 'manual',
  })
  keep(login)
  if (login.headers.get('location') === '/login') throw new Error('Sign-in failed (throttled?)')
  const csrf = await token(formPage)
  return { csrf, header, keep }
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
