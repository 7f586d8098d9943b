import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import {
  isLegacyCardCode,
  normalizeCardCode,
  parseCardCode,
  plainCardCode,
  type ParsedCardCode,
} from '#registry/services/card_code'

/*
| One lookup for every place a staff member or holder types or scans a code:
| the box office, the card search (and from it OmaKaiku activation), and
| registering a pre-printed card. A code that passes today's check is
| answered without the database, as before. One that fails it but has the
| old register's format (config/card_codes.ts) is looked up as an imported
| old code — as typed, then with look-alikes mapped (O→0, I/L→1) — among the
| codes cards hold and the codes lost cards held before they were replaced.
| Found, it is the card's code and works exactly as a new one; not found,
| today's refusal stands, so a mistyped new code still hears that its check
| character does not match.
*/
export async function findCardCode(
  input: string | null | undefined,
  client: QueryClientContract = db.connection('registry')
): Promise<ParsedCardCode> {
  const parsed = parseCardCode(input)
  const plain = plainCardCode((input ?? '').trim())
  // An old code typed exactly as stored is today's code too: nothing to look up.
  if (!isLegacyCardCode(plain) || (parsed.ok && parsed.code === plain)) return parsed

  const candidates = [...new Set([plain, normalizeCardCode(plain)])]
  // One after another: the client may be a transaction, one connection.
  const cards = await client.from('cards').whereIn('code', candidates).select('code')
  const replaced = await client
    .from('replaced_codes')
    .whereIn('old_code', candidates)
    .select('old_code as code')
  const held = new Set([...cards, ...replaced].map((row) => String(row.code)))
  // The code as typed first: an old code's O is an O.
  const found = candidates.find((code) => held.has(code))
  return found ? { ok: true, code: found } : parsed
}
