import type { ImportKind, ImportKindName } from '#core/services/import_kind'
import { organisationImport } from '#registry/services/organisation_import'
import { staffUserImport } from '#registry/services/staff_user_import'
import { cardImport } from '#registry/services/card_import'
import { useImport } from '#usage/services/use_import'
import { yearlyTotalsImport } from '#stats/services/yearly_totals_import'

const KINDS: Record<ImportKindName, ImportKind<any, any>> = {
  organisations: organisationImport,
  users: staffUserImport,
  cards: cardImport,
  uses: useImport,
  yearly_totals: yearlyTotalsImport,
}

export function importKind(name: ImportKindName): ImportKind<unknown, unknown> {
  return KINDS[name]
}
