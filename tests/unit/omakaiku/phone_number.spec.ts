import { test } from '@japa/runner'
import { checkPhone, formatPhone } from '#omakaiku/services/phone_number'

test.group('Phone numbers for SMS', () => {
  test('Finnish mobile numbers written the local way become international: {input}')
    .with([
      { input: '040 123 4567', expected: '+358401234567' },
      { input: '040-1234567', expected: '+358401234567' },
      { input: '(050) 123 4567', expected: '+358501234567' },
      { input: '0457 1234567', expected: '+3584571234567' },
      { input: '+358 40 123 4567', expected: '+358401234567' },
      { input: '00358401234567', expected: '+358401234567' },
    ])
    .run(({ assert }, { input, expected }) => {
      assert.deepEqual(checkPhone(input), { ok: true, e164: expected })
    })

  test('foreign mobile numbers keep their country code: {input}')
    .with([
      { input: '+46 70 123 45 67', expected: '+46701234567' },
      { input: '0046701234567', expected: '+46701234567' },
      { input: '+44 7911 123456', expected: '+447911123456' },
      // The North American plan does not tell mobiles from landlines: it may receive SMS.
      { input: '+1 (202) 555-0143', expected: '+12025550143' },
    ])
    .run(({ assert }, { input, expected }) => {
      assert.deepEqual(checkPhone(input), { ok: true, e164: expected })
    })

  test('a landline or a service number cannot receive SMS: {input}')
    .with([
      { input: '(09) 310 1641' },
      { input: '+358 9 310 1641' },
      { input: '0800 123 456' },
      { input: '0600 12345' },
      { input: '020 7946 0958' },
      { input: '0100 100' },
    ])
    .run(({ assert }, { input }) => {
      assert.deepEqual(checkPhone(input), { ok: false, reason: 'no_sms' })
    })

  test('what is not a phone number is refused: "{input}"')
    .with([
      { input: '' },
      { input: '12' },
      { input: '+0 123 456 789' },
      { input: '040 123 456 789 012' },
      { input: 'phone me' },
      { input: '+3584' },
    ])
    .run(({ assert }, { input }) => {
      assert.deepEqual(checkPhone(input), { ok: false, reason: 'invalid' })
    })

  test('a number is shown back as its owner writes it', ({ assert }) => {
    assert.equal(formatPhone('+358401234567'), '040 1234567')
    assert.equal(formatPhone('+46701234567'), '+46 70 123 45 67')
  })
})
