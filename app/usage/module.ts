import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'usage',
  purpose:
    'registering a card’s use (the rules of the operating model, under the offer’s lock), cancellations and no-shows, the venue’s roster and CSV export, the inbox of holders’ cancellations, shows’ waiting lists (codes only; a freed place is offered to the next reachable holder through its `waiting_list_port`, filled by messaging), feedback on uses, what OmaKaiku shows of a card’s uses; imports the old register’s uses (a kind of file for module `imports`); fills offers’ `usage_port` and moves a replaced card’s uses for registry’s `code_change_port`',
  owns: { registry: ['uses', 'use_feedback', 'waiting_list_entries'] },
  reads: { offers: ['offers', 'occurrences'], registry: ['organisations'] },
  uses: {
    offers: ['historical_offers', 'offer_service', 'registration_targets', 'restrictions'],
    registry: ['card_check_service', 'card_code', 'card_code_lookup', 'directory', 'holder_card'],
  },
})
