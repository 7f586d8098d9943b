import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'home',
  purpose:
    'the staff start page (`/home`): today’s work by role (the box office’s shows today, a distributor’s cards ending this month and OmaKaiku activations waiting, a coordinator’s and the national centre’s queues), each figure from the owning module’s service; asks OmaKaiku through its `holder_activation_port`',
  owns: {},
  reads: {},
  uses: {
    bulletin: ['readers'],
    feedback: ['accessibility_feedback'],
    imports: ['import_runs'],
    messaging: ['outbox_health'],
    registry: ['cards_ending', 'network_coverage', 'organisation_proposals'],
    surveys: ['partner_survey_queue'],
    usage: ['box_office_today'],
  },
})
