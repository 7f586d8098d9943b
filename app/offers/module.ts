import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'offers',
  purpose:
    'the genre taxonomy, venues’ offers with their restrictions (the cap rule), occurrences (shows) with capacity and card cap, changed under the offer’s lock, venue-wide rules and how to get a ticket (ways, box-office contact and hours, the recommendations a venue follows), the public offer list; counts places taken through its `usage_port`',
  owns: { registry: ['genres', 'offers', 'occurrences', 'venue_rules'] },
  reads: {},
  uses: { registry: ['contact_phone', 'directory', 'organisation_standing'] },
})
