import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'core',
  purpose:
    'middleware (auth gates, role gate, language, bouncer, the staff/cardholder session switch), the new-password rule, single-use link tokens, sign-in throttling, error pages and the exception handler, locale and time helpers, date formatting, CSV and XLSX, the development mail transport, static files by content-hashed address (public/ and htmx) and response compression; the framework tables of sessions, rate limits and locks',
  owns: {
    registry: ['sessions', 'rate_limits'],
    omakaiku: ['sessions', 'rate_limits', 'locks'],
  },
  reads: {},
  uses: {},
})
