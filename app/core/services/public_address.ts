import env from '#start/env'

/**
 * A public page's address as a person would type it from paper: this site's
 * host and the page's path (from urlFor), without "https://" (e.g. on a
 * printed card).
 */
export function publicAddress(path: string) {
  return `${new URL(env.get('APP_URL')).host}${path}`
}
