import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'omakaiku',
  purpose:
    'the cardholder’s own service under `/oma`: accounts with identity on the `omakaiku` connection, activation by a distributor, sign-in with its own guard and cookie, the card with QR, offers with places left, tickets and cancelling, joining a full show’s waiting list and answering its offers, history, feedback, encrypted notes, notification choices, my data, account deletion, consent withdrawal, the web-app manifest and offline card; moves a replaced card’s account for registry’s `code_change_port`',
  owns: {
    omakaiku: [
      'accounts',
      'account_tokens',
      'notes',
      'notification_settings',
      'notification_genres',
    ],
  },
  reads: { core: ['sessions', 'rate_limits'] },
  uses: {
    offers: ['offer_form_options', 'offer_list', 'ticket_info'],
    registry: ['card_code', 'card_images', 'directory', 'holder_card'],
    surveys: ['answer_refusal', 'holder_wellbeing'],
    usage: [
      'attendance',
      'holder_uses',
      'use_changes',
      'use_feedback',
      'venue_usage',
      'waiting_list',
      'waiting_list_answers',
      'waiting_list_views',
    ],
  },
})
