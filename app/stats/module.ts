import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'stats',
  purpose:
    'statistics for every role: summary tables kept up to date by what changed, through a fact row per card and use (the `statistics` job, `node ace stats:refresh`), one function per statistic, the small-number rule, dashboards, CSV and XLSX exports, the printable report, the public national page; the old register’s yearly totals by area (imported) in the yearly series',
  owns: {
    registry: [
      'stat_card_months',
      'stat_card_backgrounds',
      'stat_card_validity',
      'stat_use_months',
      'stat_area_use_months',
      'stat_card_org_uses',
      'stat_card_org_venues',
      'stat_use_backgrounds',
      'stat_card_frequency',
      'stat_event_uses',
      'stat_area_card_years',
      'stat_area_use_years',
      'stat_refreshes',
      'stat_history_totals',
      'stat_card_facts',
      'stat_use_facts',
    ],
  },
  reads: {
    registry: ['areas', 'cards', 'organisations'],
    offers: ['genres', 'occurrences', 'offers'],
    usage: ['uses'],
  },
  uses: { registry: ['directory', 'organisation_standing'] },
})
