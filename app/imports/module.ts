import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'imports',
  purpose:
    'moving the old register’s data in: organisations, staff users, cards, uses and yearly totals from CSV or XLSX files read as streams; the border check for identity-like columns; the dry run and its report; the real run, all or nothing per file, as a background job with progress (`node ace import:<kind>`, the admin page); each kind is written by the module that owns its tables',
  owns: { registry: ['import_runs', 'import_refusals'] },
  reads: {},
  uses: {
    registry: ['card_code', 'card_import', 'organisation_import', 'staff_user_import'],
    usage: ['use_import'],
    stats: ['yearly_totals_import'],
  },
})
