import { test } from '@japa/runner'
import { formatPhone, normalizePhone } from '#omakaiku/services/phone_number'

test.group('Phone numbers for SMS', () => {
  test('Finnish numbers written the local way become international: {input}')
    .with([
      { input: '040 123 4567', expected: '+358401234567' },
      { input: '040-1234567', expected: '+358401234567' },
      { input: '0501234567', expected: '+358501234567' },
      { input: '+358 40 123 4567', expected: '+358401234567' },
      { input: '00358401234567', expected: '+358401234567' },
      { input: '(09) 310 1641', expected: '+35893101641' },
    ])
    .run(({ assert }, { input, expected }) => {
      assert.equal(normalizePhone(input), expected)
    })

  test('foreign numbers keep their country code: {input}')
    .with([
      { input: '+46 70 123 45 67', expected: '+46701234567' },
      { input: '0046701234567', expected: '+46701234567' },
      { input: '+1 (202) 555-0143', expected: '+12025550143' },
    ])
    .run(({ assert }, { input, expected }) => {
      assert.equal(normalizePhone(input), expected)
    })

  test('what is not a number we can send to is refused: "{input}"')
    .with([
      { input: '' },
      { input: '12' },
      { input: '401234567' },
      { input: '+358 0401234567' },
      { input: '+0 123 456 789' },
      { input: '040 123 456 789 012' },
      { input: 'phone me' },
      { input: '+3584' },
    ])
    .run(({ assert }, { input }) => {
      assert.isNull(normalizePhone(input))
    })

  test('a Finnish number is shown back the local way', ({ assert }) => {
    assert.equal(formatPhone('+358401234567'), '040 1234567')
    assert.equal(formatPhone('+46701234567'), '+46701234567')
  })
})
