import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'

/**
 * A public page's address as a person would type it from paper: the host and
 * path of this site, without "https://" (e.g. on a printed card).
 */
export function publicAddress(routeName: string) {
  const url = new URL(urlFor(routeName, undefined, { prefixUrl: env.get('APP_URL') }))
  return `${url.host}${url.pathname}`
}
