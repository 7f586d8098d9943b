import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'

/*
| The registry must have nowhere to put a cardholder's identity. Every column
| of every registry table is listed here with what it holds; a new column
| fails this test until someone classifies it, and no column outside the
| staff-user tables may look like a person's name, e-mail, phone, identity
| number or street address.
*/
const STAFF_TABLES = ['users', 'password_reset_tokens', 'rate_limits', 'sessions']

const KNOWN_COLUMNS: Record<string, string[]> = {
  adonis_schema: ['id', 'name', 'batch', 'migration_time'],
  adonis_schema_versions: ['version'],
  // Staff sessions: the session's id, its signed data, the staff user's id and when it ends.
  sessions: ['id', 'data', 'user_id', 'expires_at'],
  // An area's Swedish name (the Swedish interface shows it), when it has one.
  areas: ['id', 'name', 'status', 'pilot_ends_on', 'created_at', 'updated_at', 'name_sv'],
  // Places: Statistics Finland's code and the Swedish name come with the national list.
  municipalities: [
    'id',
    'area_id',
    'name',
    'status',
    'created_at',
    'updated_at',
    'code',
    'name_sv',
  ],
  organisations: [
    'id',
    'name',
    'type',
    'area_id',
    'municipality_id',
    'venue_category',
    'active',
    'created_at',
    'updated_at',
    // The old register's id of an imported organisation.
    'source_id',
    // The organisation's Kaikukortti contact person: a staff member, never a cardholder.
    'contact_name',
    'contact_phone',
    'contact_email',
    'ends_on',
    // Public addresses the network directory links to: the website and its accessibility page.
    'website_url',
    'accessibility_url',
    // Life cycle (docs/NETWORK.md): the proposal and the national centre's decision; who
    // proposed and decided are staff users, the reason is the national centre's text.
    'approval',
    'proposed_at',
    'proposed_by_user_id',
    'decided_at',
    'decided_by_user_id',
    'decline_reason',
    'mid_year_confirmed',
    'submission_key',
    // The cooperation or partnership commitment: the day signed and its version.
    'commitment_signed_on',
    'commitment_version',
    // A distributor's kind (outreach youth work, NGO, parish …): nothing about a person.
    'distributor_category',
  ],
  cards: [
    'id',
    'code',
    'type',
    'community_role',
    'issuing_organisation_id',
    'issued_on',
    'valid_until',
    'status',
    'ended_on',
    'birth_year',
    'postal_code',
    'children_count',
    'mother_tongues',
    'gender',
    'life_situation',
    'consent_given_at',
    'consent_withdrawn_at',
    'revision',
    'created_at',
    'updated_at',
    // That the card has an OmaKaiku account, and since when: nothing of the account itself.
    'omakaiku_account_at',
    // An imported card's id in the old register (an id, nothing about the holder).
    'source_id',
  ],
  card_events: [
    'id',
    'card_id',
    'kind',
    'user_id',
    'organisation_id',
    'valid_until_before',
    'valid_until_after',
    'submission_key',
    // A correction: the names of the fields changed, never their values.
    'changed_fields',
    'created_at',
  ],
  // Print runs: an area's order of printed cards, and the codes each reserved (no holder data).
  print_runs: [
    'id',
    'area_id',
    'organisation_id',
    'card_type',
    'language',
    'quantity',
    'status',
    'codes_done',
    'ordered_by_user_id',
    'submission_key',
    'ready_at',
    'cancelled_at',
    'created_at',
    'updated_at',
  ],
  printed_codes: ['id', 'code', 'print_run_id'],
  // Import runs (module imports): the file's name, counts and each refusal's row, column and
  // reason, never a refused value.
  import_runs: [
    'id',
    'kind',
    'dry_run',
    'uploaded_as',
    'stored_file',
    'status',
    'rows_total',
    'rows_done',
    'added',
    'updated',
    'skipped',
    'refused',
    'file_problem',
    'file_problem_params',
    'checked_run_id',
    'user_id',
    'finished_at',
    'created_at',
    'updated_at',
  ],
  import_refusals: ['id', 'import_run_id', 'row', 'column', 'reason', 'params'],
  // The postal codes of an area's municipalities (places, not people).
  area_postal_codes: ['id', 'area_id', 'postal_code', 'created_at'],
  // A lost card's old codes, so the box office can say it was replaced (no holder data).
  replaced_codes: ['id', 'old_code', 'card_id', 'replaced_at'],
  // Answers to the validated instruments, linked to a card and nothing else about the holder.
  wellbeing_responses: [
    'id',
    'card_id',
    'instrument',
    'context',
    'answered_on',
    'raw_score',
    'once_key',
    'created_at',
  ],
  wellbeing_items: ['response_id', 'item', 'value'],
  // Anonymous and partner surveys: no card, no person; a partner response is an organisation's.
  surveys: [
    'id',
    'kind',
    'title',
    'intro',
    'language',
    'area_id',
    'audience',
    'created_by_user_id',
    'link_token',
    'opened_at',
    'closes_at',
    'closed_at',
    'submission_key',
    'created_at',
    'updated_at',
  ],
  survey_questions: [
    'id',
    'survey_id',
    'position',
    'kind',
    'text',
    'choices',
    'scale_min',
    'scale_max',
    'scale_min_label',
    'scale_max_label',
    'required',
  ],
  survey_responses: ['id', 'survey_id', 'organisation_id', 'answered_on', 'submission_key'],
  // Free text an anonymous respondent typed: rendered escaped, never joined to a card.
  survey_answers: ['id', 'response_id', 'question_id', 'choice', 'number', 'text'],
  survey_reminders: ['id', 'survey_id', 'organisation_id', 'sent_at'],
  // Module stats: counts grouped by organisation, area, period and background group. No card code.
  stat_card_months: [
    'id',
    'organisation_id',
    'area_id',
    'year',
    'month',
    'card_type',
    'registered',
    'used',
    'valid_now',
  ],
  stat_card_backgrounds: [
    'id',
    'organisation_id',
    'area_id',
    'year',
    'dimension',
    'value',
    'registered',
    'used',
  ],
  stat_card_validity: [
    'id',
    'organisation_id',
    'area_id',
    'issued_month',
    'until_month',
    'year',
    'cards',
  ],
  stat_use_months: [
    'id',
    'venue_organisation_id',
    'venue_area_id',
    'card_area_id',
    'genre_id',
    'card_type',
    'year',
    'month',
    'registrations',
    'places',
    'children',
  ],
  // A show's waiting list: card codes only, who added the card (staff or the holder), the offer's hold.
  waiting_list_entries: [
    'id',
    'occurrence_id',
    'card_code',
    'children_count',
    'group_size',
    'status',
    'active_key',
    'added_by_organisation_id',
    'added_by_user_id',
    'offered_at',
    'offer_expires_at',
    'use_id',
    'answered_at',
    'created_at',
    'updated_at',
  ],
  stat_card_org_uses: [
    'id',
    'card_organisation_id',
    'card_area_id',
    'venue_area_id',
    'year',
    'month',
    'registrations',
    'places',
    'children',
  ],
  stat_card_org_venues: [
    'id',
    'card_organisation_id',
    'venue_organisation_id',
    'year',
    'registrations',
    'places',
  ],
  stat_use_backgrounds: [
    'id',
    'card_area_id',
    'year',
    'dimension',
    'value',
    'registrations',
    'places',
  ],
  stat_card_frequency: ['id', 'card_organisation_id', 'card_area_id', 'year', 'uses', 'cards'],
  stat_event_uses: [
    'id',
    'venue_organisation_id',
    'offer_id',
    'occurrence_id',
    'card_type',
    'year',
    'month',
    'registrations',
    'cards',
    'places',
  ],
  stat_area_card_years: [
    'id',
    'area_id',
    'year',
    'registered',
    'used',
    'from_totals',
    'used_known',
  ],
  stat_area_use_months: [
    'id',
    'venue_area_id',
    'card_area_id',
    'year',
    'month',
    'registrations',
    'places',
    'children',
  ],
  stat_area_use_years: [
    'id',
    'area_id',
    'year',
    'registrations',
    'places',
    'children',
    'from_totals',
  ],
  stat_refreshes: ['id', 'started_at', 'finished_at', 'valid_on', 'duration_ms'],
  // The old register's yearly totals by area (imported): counts and the row's old id, no person.
  stat_history_totals: [
    'id',
    'source_id',
    'area_id',
    'year',
    'up_to',
    'cards',
    'used_cards',
    'uses',
    'children',
    'created_at',
    'updated_at',
  ],
  // The facts the summaries group: a card's or a standing use's groups (organisation, area,
  // month, background group) under the registry's internal ids; no card code, no raw value.
  stat_card_facts: [
    'card_id',
    'organisation_id',
    'area_id',
    'year',
    'month',
    'card_type',
    'used',
    'valid_now',
    'issued_month',
    'until_month',
    'age',
    'gender',
    'mother_tongue',
    'life_situation',
  ],
  stat_use_facts: [
    'use_id',
    'card_id',
    'venue_organisation_id',
    'venue_area_id',
    'card_organisation_id',
    'card_area_id',
    'card_type',
    'genre_id',
    'offer_id',
    'occurrence_id',
    'year',
    'month',
    'places',
    'children',
    'gender',
    'mother_tongue',
    'life_situation',
  ],
  // Module offers: the taxonomy, offers, occurrences and venue-wide rules. No person in them.
  genres: [
    'id',
    'parent_id',
    'key',
    'name_fi',
    'name_sv',
    'name_en',
    'position',
    'active',
    'created_at',
    'updated_at',
  ],
  offers: [
    'id',
    'organisation_id',
    'title',
    'description',
    'type',
    'genre_id',
    'municipality_id',
    'location',
    'accessibility',
    'children_allowed',
    'guest_production',
    'once_per_card',
    'weekends_excluded',
    'booking_opens_days',
    'yearly_visits',
    'yearly_euro_cap',
    'available_from',
    'available_until',
    'published',
    'revision',
    'created_at',
    'updated_at',
    // The offer's own ways to get a ticket (box_office, phone ...), or null for the venue's.
    'ticket_ways',
    // The language the venue wrote the offer in, and its optional Swedish and English versions.
    'language',
    'title_sv',
    'description_sv',
    'accessibility_sv',
    'title_en',
    'description_en',
    'accessibility_en',
  ],
  occurrences: [
    'id',
    'offer_id',
    'starts_at',
    'capacity',
    'card_cap',
    'excluded_kind',
    'submission_key',
    'created_at',
    'updated_at',
  ],
  venue_rules: [
    'id',
    'organisation_id',
    'max_open_bookings',
    'created_at',
    'updated_at',
    // How to get a ticket: the ways, the venue's box-office phone, e-mail, web address and
    // opening hours (the venue's, never a cardholder's), and the recommendations it follows.
    'ticket_ways',
    'ticket_phone',
    'ticket_email',
    'ticket_url',
    'box_office_hours',
    'free_cloakroom',
    'support_person_free',
    'ticket_handover',
    // Hours before a show when bookings left unconfirmed are released (issue 23): the venue's rule.
    'release_unconfirmed_hours',
  ],
  // Module usage: a use is a card code, never a holder's name or contact.
  uses: [
    'id',
    'card_code',
    'organisation_id',
    'offer_id',
    'occurrence_id',
    'used_on',
    'places',
    'children_count',
    'group_size',
    'amount_cents',
    'status',
    'registered_by_user_id',
    'registered_by_organisation_id',
    'cancelled_at',
    'cancelled_by',
    'seen_at',
    'submission_key',
    'created_at',
    'updated_at',
    // The old register's id of an imported use (issue 20): an id, nothing of the holder.
    'source_id',
    // When the holder was asked whether they are coming, and said yes (issue 23): times only.
    'attendance_asked_at',
    'attendance_confirmed_at',
  ],
  // A holder's stars for an event they attended; venues see averages over five or more.
  use_feedback: [
    'id',
    'use_id',
    'offer_id',
    'accessibility',
    'meaning',
    'interest',
    'meaningful',
    'created_at',
  ],
  // Module bulletin: staff messages between organisations; cardholders are never addressed.
  posts: [
    'id',
    'author_user_id',
    'author_organisation_id',
    'sender_type',
    'kind',
    'audience',
    'audience_area_id',
    'audience_area_status',
    'audience_organisation_id',
    'audience_user_id',
    'title',
    'body',
    'expires_on',
    'pinned',
    'offer_id',
    'withdrawn_at',
    'last_activity_at',
    'activity',
    'submission_key',
    'created_at',
    'updated_at',
    // fi | sv | en: the language the author wrote in.
    'language',
  ],
  post_replies: [
    'id',
    'post_id',
    'author_user_id',
    'author_organisation_id',
    'body',
    'submission_key',
    'created_at',
    'private',
    'private_to_user_id',
    'language',
  ],
  post_reads: ['id', 'post_id', 'user_id', 'seen_activity', 'read_at', 'seen_reply_id'],
  // Module feedback: accessibility feedback from anyone, not tied to a card. The reply contact is
  // the sender's own, optional, and removed with the row (config/retention.ts).
  accessibility_feedback: [
    'id',
    'concerns',
    'message',
    'reply_email',
    'reply_phone',
    'locale',
    'reply_due_on',
    'answered_at',
    'submission_key',
    'created_at',
  ],
  bulletin_settings: [
    'id',
    'user_id',
    'notification_mode',
    'locale',
    'last_digest_at',
    'created_at',
    'updated_at',
  ],
}

/** Names of places and organisations, not of people; an organisation's contact person is staff. */
const NAMED_THINGS = [
  'areas.name',
  'areas.name_sv',
  'municipalities.name',
  'municipalities.name_sv',
  'organisations.name',
  'organisations.contact_name',
  'organisations.contact_phone',
  'organisations.contact_email',
  // A venue's box office: its own phone and e-mail for tickets, not a person's.
  'venue_rules.ticket_phone',
  'venue_rules.ticket_email',
  // A feedback sender's own address for the reply, given by choice: never a card's or its holder's
  // record, removed with the feedback (config/retention.ts).
  'accessibility_feedback.reply_email',
  'accessibility_feedback.reply_phone',
  'adonis_schema.name',
  'genres.name_fi',
  'genres.name_sv',
  'genres.name_en',
  // Times, not a last name.
  'posts.last_activity_at',
  'bulletin_settings.last_digest_at',
]

const IDENTITY =
  /(^|_)(name|first|last|surname|email|e_mail|mail|phone|mobile|tel|ssn|hetu|henkilotunnus|identity|personal_id|address|street|osoite|nimi|puhelin)(_|$)/i

async function registryColumns() {
  const connection = db.connection('registry')
  const tables = (await connection.getAllTables()).filter((table) => !table.startsWith('sqlite_'))
  const columns: Record<string, string[]> = {}
  for (const table of tables) {
    columns[table] = Object.keys(await connection.columnsInfo(table))
  }
  return columns
}

test.group('Registry schema privacy', () => {
  test("no registry table outside the staff tables has a column for a person's identity", async ({
    assert,
  }) => {
    const offending: string[] = []
    for (const [table, columns] of Object.entries(await registryColumns())) {
      if (STAFF_TABLES.includes(table)) continue
      for (const column of columns) {
        if (IDENTITY.test(column) && !NAMED_THINGS.includes(`${table}.${column}`))
          offending.push(`${table}.${column}`)
      }
    }
    assert.deepEqual(offending, [], "columns that could hold a cardholder's identity")
  })

  test('every column of every registry table is known and classified', async ({ assert }) => {
    const unknown: string[] = []
    const schema = await registryColumns()
    assert.includeMembers(Object.keys(schema), [
      'cards',
      'card_events',
      'wellbeing_responses',
      'survey_answers',
      'organisations',
      'users',
      'offers',
      'uses',
    ])
    for (const [table, columns] of Object.entries(schema)) {
      if (STAFF_TABLES.includes(table)) continue
      for (const column of columns) {
        if (!KNOWN_COLUMNS[table]?.includes(column)) unknown.push(`${table}.${column}`)
      }
    }
    assert.deepEqual(
      unknown,
      [],
      'classify new columns in schema_privacy.spec.ts, and never add identity'
    )
  })

  test('the identity pattern would catch the usual ways of naming identity columns', ({
    assert,
  }) => {
    for (const column of [
      'first_name',
      'last_name',
      'email',
      'phone_number',
      'ssn',
      'street_address',
      'holder_name',
      'hetu',
    ]) {
      assert.match(column, IDENTITY, column)
    }
    for (const column of ['postal_code', 'birth_year', 'code', 'type', 'gender', 'card_id']) {
      assert.notMatch(column, IDENTITY, column)
    }
  })
})
