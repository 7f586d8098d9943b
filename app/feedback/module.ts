import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'feedback',
  purpose:
    'the accessibility statement’s feedback channel: the public feedback form (no sign-in, a rate limit per address), the national centre’s list with each feedback’s reply due date, marking it answered, the optional e-mail to Kaikukeskus; removes answered feedback past its retention period',
  owns: { registry: ['accessibility_feedback'] },
  reads: {},
  uses: { registry: ['contact_phone'] },
})
