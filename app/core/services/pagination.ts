import type { SimplePaginatorContract } from '@adonisjs/lucid/types/querybuilder'

/** Page links of a filtered list: the same filters, only the page number changes. */
export function keepFiltersInPageLinks(
  page: SimplePaginatorContract<unknown>,
  baseUrl: string,
  query: Record<string, unknown>
) {
  const filters = { ...query }
  delete filters.page
  page.baseUrl(baseUrl).queryString(filters)
}
