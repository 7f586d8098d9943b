import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'surveys',
  purpose:
    'the validated instruments as data, card-linked wellbeing answers (fills registry’s `wellbeing_port`), WHO-5 and the participation indicator in OmaKaiku, anonymous surveys by link, partner surveys with reminders, results by area and year with paired change, CSV',
  owns: {
    registry: [
      'wellbeing_responses',
      'wellbeing_items',
      'surveys',
      'survey_questions',
      'survey_responses',
      'survey_answers',
      'survey_reminders',
    ],
  },
  reads: { registry: ['areas', 'cards', 'organisations'] },
  uses: { registry: ['directory', 'holder_card', 'wellbeing_port'] },
})
