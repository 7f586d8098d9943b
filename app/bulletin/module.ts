import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'bulletin',
  purpose:
    'the bulletin board between organisations: posts to an audience, announcements, the channel to the national centre, public and private replies, read state and unread counts, e-mail at once or as a daily digest with a signed one-click unsubscribe',
  owns: { registry: ['posts', 'post_replies', 'post_reads', 'bulletin_settings'] },
  reads: {},
  uses: { offers: ['offer_catalogue'], registry: ['directory'] },
})
