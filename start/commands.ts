/*
| The app's own Ace commands, from each module's commands/ folder. Listed
| here (adonisrc `commands`) so that modules keep their commands with them.
*/
import { ListLoader } from '@adonisjs/core/ace'
import SendBulletinDigests from '#bulletin/commands/send_bulletin_digests'
import WorkOutbox from '#messaging/commands/work_outbox'
import RunJob from '#messaging/commands/run_job'
import ListJobs from '#messaging/commands/list_jobs'
import PrintJobsTable from '#messaging/commands/print_jobs_table'
import PrintRetentionTable from '#messaging/commands/print_retention_table'
import RefreshStatistics from '#stats/commands/refresh_statistics'
import PrintStatisticsSql from '#stats/commands/print_statistics_sql'
import FindHolder from '#omakaiku/commands/find_holder'
import PrintModulesTable from '#core/commands/print_modules_table'
import ImportOrganisations from '#imports/commands/import_organisations'
import ImportUsers from '#imports/commands/import_users'
import ImportCards from '#imports/commands/import_cards'
import ImportUses from '#imports/commands/import_uses'
import ImportYearlyTotals from '#imports/commands/import_yearly_totals'

const loader = new ListLoader([
  SendBulletinDigests,
  WorkOutbox,
  RunJob,
  ListJobs,
  PrintJobsTable,
  PrintRetentionTable,
  RefreshStatistics,
  PrintStatisticsSql,
  FindHolder,
  PrintModulesTable,
  ImportOrganisations,
  ImportUsers,
  ImportCards,
  ImportUses,
  ImportYearlyTotals,
])

export const getMetaData = () => loader.getMetaData()
export const getCommand = (metaData: Parameters<typeof loader.getCommand>[0]) =>
  loader.getCommand(metaData)
