import app from '@adonisjs/core/services/app'
import { defineConfig, loaders } from '@adonisjs/i18n'
import { KeptMessageFormatter } from '#core/services/message_formatter'

export const LOCALES = ['fi', 'sv', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const i18nConfig = defineConfig({
  defaultLocale: 'fi',
  supportedLocales: [...LOCALES],
  // ICU messages, each parsed once (message_formatter.ts).
  formatter: () => new KeptMessageFormatter(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
