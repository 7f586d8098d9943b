import { readdirSync, readFileSync } from 'node:fs'
import { test } from '@japa/runner'

/*
| A policy number (the smallest number shown, the cap rule, the age limit,
| the booking window, the quiet hours ...) has one home in config/ or a
| service, and every text names it through a parameter: "< {threshold}",
| "{capPercent} %". So no text of resources/lang may hold a digit of its
| own, but for the few below, none of which is a setting of Kaikukanta.
| Each entry: the keys ("file:key", a regular expression) and what in them
| may stand as it is.
*/
const ALLOWED: { keys: RegExp; text: RegExp }[] = [
  // Examples of what to type: a year, a postal code, a code, a date, a time, a sum, a phone number, an address.
  {
    keys: /./,
    text: /1985|00100|7KQ|ABC-DEF-GH2|24\.1[12]\.2026|2026-12-31|19:00|10\.00|4[,.]50|(\+46 70|040) 123 4567|(Hämeenpuisto|Tavastparken) 14/g,
  },
  { keys: /childrenCount\.number|max_open_bookings_hint/, text: /\b[02]\b/g },
  // "Write 0 if there are none."
  { keys: /children_count_hint|childrenCount\.required/, text: /\b0\b/g },
  // Facts from outside: the accessibility statement (law, WCAG, Traficom), the emergency number,
  // paper size, an SMS's length, the names of instruments. The reply period is config/feedback.ts's.
  { keys: /^common:a11y_/, text: /306\/2019|2\.1|200|320|029 534 5000|\+358 29 534 5000/g },
  { keys: /^feedback:/, text: /306\/2019/g },
  { keys: /^surveys:wellbeing\.support$/, text: /112/g },
  { keys: /^stats:report\.print_hint$/, text: /A4/g },
  { keys: /^messaging:body_hint$/, text: /160/g },
  // The name of a character encoding as Excel's "Save as" list shows it.
  { keys: /^import:(file_errors\.wrong_encoding|upload_intro)/, text: /UTF-8|Windows-1252/g },
  { keys: /^surveys:/, text: /WHO-5/g },
  // The scales of the validated instruments, fixed by their authors.
  { keys: /^surveys:(scale_|results\.(band\.|distribution_banded|lower_is_more))/, text: /\d+/g },
  // The key is the band itself (config/statistics.ts ageBands, the use-frequency table).
  { keys: /^stats:value\.(age|frequency)\./, text: /\d+/g },
  // A child in law: under 18.
  { keys: /children|^privacy:registry_stored$/, text: /\b18\b/g },
]

const LANG = new URL('../../../resources/lang/', import.meta.url).pathname

function flatten(value: unknown, prefix: string, into: Record<string, string>) {
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child !== null && typeof child === 'object') flatten(child, `${prefix}${key}.`, into)
    else into[`${prefix}${key}`] = String(child)
  }
  return into
}

/** Every text as "locale file:key" → text. */
function allTexts() {
  const texts: Record<string, string> = {}
  for (const locale of readdirSync(LANG)) {
    for (const file of readdirSync(`${LANG}${locale}`).filter((name) => name.endsWith('.json'))) {
      const parsed = JSON.parse(readFileSync(`${LANG}${locale}/${file}`, 'utf8'))
      for (const [key, text] of Object.entries(flatten(parsed, '', {}))) {
        texts[`${locale} ${file.replace(/\.json$/, '')}:${key}`] = text
      }
    }
  }
  return texts
}

/** The digits a text holds of its own: parameters ({threshold}, {count, plural, =1 {…}}) and allowed numbers left out. */
export function ownDigits(key: string, text: string) {
  let rest = text
  // Innermost braces first, so that plural branches go with their argument.
  while (/\{[^{}]*\}/.test(rest)) rest = rest.replace(/\{[^{}]*\}/g, '')
  for (const allowed of ALLOWED) {
    if (allowed.keys.test(key)) rest = rest.replace(allowed.text, '')
  }
  return rest.match(/\d+/g) ?? []
}

test.group('Policy numbers in texts', () => {
  test('no translation writes a number of its own: a policy number comes as a parameter', ({
    assert,
  }) => {
    const offending = Object.entries(allTexts())
      .map(([id, text]) => ({ id, digits: ownDigits(id.split(' ')[1], text) }))
      .filter(({ digits }) => digits.length > 0)
      .map(({ id, digits }) => `${id}: ${digits.join(', ')}`)
    assert.deepEqual(offending, [])
  })

  test('a bare digit is caught, a parameter and an allowed example are not', ({ assert }) => {
    assert.deepEqual(ownDigits('stats_panel:hidden.small', '< 5'), ['5'])
    assert.deepEqual(ownDigits('stats_panel:hidden.small', '< {threshold}'), [])
    assert.deepEqual(ownDigits('offers:card_cap_hint.percentage', 'vähintään 3 %'), ['3'])
    assert.deepEqual(
      ownDigits('usage:x', '{count, plural, =1 {1 vastaus} other {# vastausta}}, alle {threshold}'),
      []
    )
    assert.deepEqual(ownDigits('cards:birth_year_hint', 'esimerkiksi 1985, täyttää 16'), ['16'])
  })
})
