import db from '@adonisjs/lucid/services/db'
import AreaPostalCode from '#registry/models/area_postal_code'
import { FieldError } from '#core/services/field_error'

const POSTAL_CODE = /^\d{5}$/

/** The area's postal codes in order; empty when none are given. */
export async function postalCodesOf(areaId: number): Promise<string[]> {
  const rows = await AreaPostalCode.query().where('area_id', areaId).orderBy('postal_code')
  return rows.map((row) => row.postalCode)
}

/**
 * Reads a typed list (separated by spaces, commas or new lines), refusing it
 * in words if an item is not a five-digit postal code. Duplicates go.
 */
export function parsePostalCodes(text: string): string[] {
  const items = text.split(/[\s,;]+/).filter(Boolean)
  const wrong = items.filter((item) => !POSTAL_CODE.test(item))
  if (wrong.length) {
    throw new FieldError('postalCodes', 'admin.errors.not_postal_codes', {
      codes: wrong.join(', '),
    })
  }
  return [...new Set(items)].sort()
}

/** Replaces the area's postal codes with the given ones, all at once. */
export async function replacePostalCodes(areaId: number, codes: string[]) {
  await db.connection('registry').transaction(async (trx) => {
    await trx.from('area_postal_codes').where('area_id', areaId).delete()
    await AreaPostalCode.createMany(
      codes.map((postalCode) => ({ areaId, postalCode })),
      { client: trx }
    )
  })
}
