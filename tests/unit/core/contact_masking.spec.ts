import { test } from '@japa/runner'
import { withoutContactDetails } from '#core/services/contact_masking'

test.group('Masking contact details in errors', () => {
  test('addresses and phone numbers that a provider quotes are masked; the rest stays', ({
    assert,
  }) => {
    assert.equal(
      withoutContactDetails(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <aino.holder@example.fi>: Recipient address rejected"
      ),
      "Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: Recipient address rejected"
    )
    assert.equal(
      withoutContactDetails("The 'To' number +358 40 123 4567 is not a valid phone number."),
      "The 'To' number [number] is not a valid phone number."
    )
    assert.equal(
      withoutContactDetails('sms: Fake Twilio error 20503'),
      'sms: Fake Twilio error 20503'
    )
    assert.equal(withoutContactDetails('timeout of 1000ms exceeded'), 'timeout of 1000ms exceeded')
  })
})
