import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { smsSize } from '#messaging/services/sms_segments'
import { isQuietTime } from '#messaging/services/quiet_hours'
import { retryDelaySeconds } from '#messaging/services/outbox'
import { smsReplyOf } from '#messaging/services/sms_replies'

const helsinki = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Helsinki' })
const NIGHT = { from: 21 * 60, to: 8 * 60 }

test.group('SMS size', () => {
  test('GSM-7 text: 160 characters in one message, 153 per part after that', ({ assert }) => {
    assert.deepEqual(smsSize('a'.repeat(160)), { encoding: 'GSM-7', characters: 160, segments: 1 })
    assert.deepEqual(smsSize('a'.repeat(161)), { encoding: 'GSM-7', characters: 161, segments: 2 })
    assert.equal(smsSize('a'.repeat(306)).segments, 2)
    assert.equal(smsSize('a'.repeat(307)).segments, 3)
  })

  test('Finnish and Swedish letters ä, ö, å are GSM-7; € and brackets take two places', ({
    assert,
  }) => {
    assert.deepEqual(smsSize('Hyvää päivää, Åbo!'), {
      encoding: 'GSM-7',
      characters: 18,
      segments: 1,
    })
    assert.deepEqual(smsSize('Hinta 0 €'), { encoding: 'GSM-7', characters: 10, segments: 1 })
    assert.equal(smsSize('€'.repeat(80)).segments, 1)
    assert.equal(smsSize('€'.repeat(81)).segments, 2)
  })

  test('any other character makes the whole text UCS-2: 70 in one, 67 per part', ({ assert }) => {
    assert.deepEqual(smsSize('Привет'), { encoding: 'UCS-2', characters: 6, segments: 1 })
    assert.equal(smsSize('õ' + 'a'.repeat(69)).segments, 1)
    assert.equal(smsSize('õ' + 'a'.repeat(70)).segments, 2)
    assert.equal(smsSize('š'.repeat(134)).segments, 2)
    assert.equal(smsSize('š'.repeat(135)).segments, 3)
    // An emoji is two UCS-2 units.
    assert.equal(smsSize('🎭').characters, 2)
  })
})

test.group('Quiet hours for SMS', () => {
  test('21:00–08:00 Finnish time is quiet, whatever the server clock says', ({ assert }) => {
    assert.isFalse(isQuietTime(helsinki('2026-11-23T20:59'), NIGHT))
    assert.isTrue(isQuietTime(helsinki('2026-11-23T21:00'), NIGHT))
    assert.isTrue(isQuietTime(helsinki('2026-11-24T03:00'), NIGHT))
    assert.isTrue(isQuietTime(helsinki('2026-11-24T07:59'), NIGHT))
    assert.isFalse(isQuietTime(helsinki('2026-11-24T08:00'), NIGHT))
    // 19:30 UTC is 21:30 in Helsinki in winter.
    assert.isTrue(isQuietTime(DateTime.fromISO('2026-11-23T19:30Z'), NIGHT))
  })
})

test.group('Retry delays', () => {
  test('each retry waits about twice as long as the one before, with jitter, up to a ceiling', ({
    assert,
  }) => {
    assert.equal(retryDelaySeconds(1, 0), 30)
    assert.equal(retryDelaySeconds(1, 1), 60)
    assert.equal(retryDelaySeconds(2, 0), 60)
    assert.equal(retryDelaySeconds(2, 1), 120)
    assert.equal(retryDelaySeconds(5, 0.5), 720)
    // Below the ceiling the latest a retry can come is the earliest the next one can.
    for (let attempt = 1; attempt < 9; attempt++) {
      assert.isAtMost(retryDelaySeconds(attempt, 1), retryDelaySeconds(attempt + 1, 0))
    }
    assert.equal(retryDelaySeconds(30, 1), 6 * 60 * 60)
  })
})

test.group('SMS replies', () => {
  test('STOP, START and HELP in Finnish, Swedish and English, any case', ({ assert }) => {
    for (const word of ['STOP', 'stop', 'Lopeta', 'SLUTA', 'stopp.'])
      assert.equal(smsReplyOf(word), 'stop')
    for (const word of ['START', 'aloita', 'Börja']) assert.equal(smsReplyOf(word), 'start')
    for (const word of ['HELP', 'apua', 'hjälp', 'Info?']) assert.equal(smsReplyOf(word), 'help')
    assert.equal(smsReplyOf('  stop please'), 'stop')
    assert.equal(smsReplyOf('Kiitos muistutuksesta!'), 'other')
    assert.equal(smsReplyOf(''), 'other')
  })
})
