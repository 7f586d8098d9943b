import router from '@adonisjs/core/services/router'
import type { RoutesList } from '@adonisjs/core/types/http'

type PageName = keyof RoutesList['GET'] & string

/** An address without its origin (path, query and hash), as urlFor makes it. */
export function pathOf(url: string | URL) {
  const { pathname, search, hash } = new URL(url, 'http://localhost')
  return pathname + search + hash
}

/**
 * True for exactly this address (from urlFor); with `query`, for this path
 * with at least these query values (other values and their order are free).
 * Works as a page.waitForURL predicate.
 */
export function at(path: string, query?: Record<string, string>) {
  return (url: string | URL) => {
    if (!query) return pathOf(url) === path
    const address = new URL(url, 'http://localhost')
    return (
      address.pathname === path &&
      Object.entries(query).every(([key, value]) => address.searchParams.get(key) === value)
    )
  }
}

/**
 * True for the page of a named route whatever its parameters (a card that was
 * only just issued), with no query or hash. Works as a page.waitForURL predicate.
 */
export function onRoute(name: PageName) {
  return (url: string | URL) => {
    const address = new URL(url, 'http://localhost')
    if (address.search || address.hash) return false
    return router.match(address.pathname, 'GET', false)?.route.name === name
  }
}
