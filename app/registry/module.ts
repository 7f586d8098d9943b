import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'registry',
  purpose:
    'areas, municipalities, organisations, staff users and their sign-in, password reset, cards (issue, extend, end, withdraw, consent withdrawal), card history, print runs (ordering, reserving codes, the PDF and CSV, cancelling), the card-check service, what OmaKaiku may learn of a card; registering pre-printed cards, corrections of background data, moving a lost card to a new code; asks the card forms’ wellbeing questions through its `wellbeing_port` and moves a replaced card’s uses and OmaKaiku account through its `code_change_port`',
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
      'replaced_codes',
    ],
  },
  reads: {},
  uses: {},
})
