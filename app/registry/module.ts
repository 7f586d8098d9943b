import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'registry',
  purpose:
    'areas, municipalities, organisations, staff users and their sign-in, password reset, cards (issue, extend, end, withdraw, consent withdrawal), card history, print runs (ordering, reserving codes, the PDF and CSV, cancelling), the card-check service, what OmaKaiku may learn of a card; asks the card forms’ wellbeing questions through its `wellbeing_port`',
  owns: {
    registry: [
      'areas',
      'municipalities',
      'organisations',
      'users',
      'password_reset_tokens',
      'cards',
      'card_events',
      'print_runs',
      'printed_codes',
      'area_postal_codes',
    ],
  },
  reads: {},
  uses: {},
})
