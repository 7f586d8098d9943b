import { IntlMessageFormat } from 'intl-messageformat'
import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/*
| The ICU formatter of @adonisjs/i18n parses a message again on every t():
| a page with a few dozen texts spent a twentieth of its time there (the box
| office's profile). This one parses each message once per language and
| keeps it. The translation files' messages are a bounded set; should
| anything else pass through (a missing key's fallback), the store starts
| afresh past MAX_KEPT.
*/
const MAX_KEPT = 20_000

export class KeptMessageFormatter implements TranslationsFormatterContract {
  readonly name = 'icu'
  #kept = new Map<string, IntlMessageFormat>()

  format(message: string, locale: string, data?: Record<string, any>): string {
    const key = `${locale}\0${message}`
    let format = this.#kept.get(key)
    if (!format) {
      if (this.#kept.size >= MAX_KEPT) this.#kept.clear()
      format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true })
      this.#kept.set(key, format)
    }
    return format.format(data ?? {}) as string
  }
}
