import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'messaging',
  purpose:
    'messages to cardholders: the message kinds and the consent each needs, the outbox, campaigns, job runs and paused channels (on the `omakaiku` connection), the e-mail and SMS transports, the scheduled jobs and the worker, Twilio’s webhooks, the one-click unsubscribe, waiting-list offers (fills usage’s `waiting_list_port`; answers by SMS and by the e-mail’s signed button), staff compose pages and the delivery dashboard',
  owns: { omakaiku: ['campaigns', 'outbox_messages', 'job_runs', 'channel_pauses'] },
  reads: {},
  uses: {
    feedback: ['retention_cleanup'],
    offers: ['offer_catalogue', 'offer_form_options', 'ticket_info'],
    omakaiku: ['message_consent', 'notification_settings', 'retention_cleanup'],
    registry: ['card_notices', 'directory', 'retention_cleanup'],
    surveys: ['retention_cleanup'],
    usage: [
      'attendance',
      'retention_cleanup',
      'ticket_notices',
      'use_changes',
      'waiting_list_answers',
      'waiting_list_port',
      'waiting_list_views',
    ],
  },
})
