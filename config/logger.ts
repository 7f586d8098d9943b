import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'kaikukanta',
      level: env.get('LOG_LEVEL'),
      // Cardholder contact data never reaches a log; staff e-mail addresses in
      // request bodies are not logged either (we log no bodies at all).
      redact: { paths: ['password', '*.password', 'email', '*.email'], censor: '[redacted]' },
      transport: {
        targets: targets()
          .pushIf(!app.inProduction, targets.pretty())
          .pushIf(app.inProduction, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
