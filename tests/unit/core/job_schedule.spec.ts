import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { describeSchedule, isDue, type JobDefinition } from '#core/services/job_schedule'
import { ZONE } from '#core/services/time'

const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE })
const job = (schedule: JobDefinition['schedule']): JobDefinition => ({
  name: 'test',
  schedule,
  lock: { minutes: 10 },
  what: 'a test',
  run: async () => 'done',
})

test.group('Job schedule: what is due', () => {
  test('a five-minute job whose tick was missed runs once at the next look, not twice', ({
    assert,
  }) => {
    const fiveMinutes = job({ everyMinutes: 5 })
    const last = at('2026-03-02T10:00:00.120')
    assert.isFalse(isDue(fiveMinutes, last, at('2026-03-02T10:04:00')), 'not yet')
    // 10.05 was missed (the event loop was busy); the 10.07 tick makes it up.
    assert.isTrue(isDue(fiveMinutes, last, at('2026-03-02T10:07:00')))
    const madeUp = at('2026-03-02T10:07:00.300')
    assert.isFalse(isDue(fiveMinutes, madeUp, at('2026-03-02T10:08:00')), 'made up once')
    assert.isFalse(isDue(fiveMinutes, madeUp, at('2026-03-02T10:09:59')))
    assert.isTrue(isDue(fiveMinutes, madeUp, at('2026-03-02T10:10:00')), 'back on the clock')
  })

  test('several missed ticks still make one run', ({ assert }) => {
    const tenMinutes = job({ everyMinutes: 10 })
    const last = at('2026-03-02T10:00:01')
    assert.isTrue(isDue(tenMinutes, last, at('2026-03-02T11:13:00')))
    assert.isFalse(isDue(tenMinutes, at('2026-03-02T11:13:00.500'), at('2026-03-02T11:14:00')))
  })

  test('a daily 07.00 job missed at 07.00 runs at 07.40, and not twice that day', ({ assert }) => {
    const daily = job({ dailyAt: '07:00' })
    const yesterday = at('2026-03-01T07:00:00.200')
    assert.isFalse(isDue(daily, yesterday, at('2026-03-02T06:59:00')), 'not before its hour')
    assert.isTrue(isDue(daily, yesterday, at('2026-03-02T07:40:00')), 'missed at 07.00')
    const late = at('2026-03-02T07:40:00.400')
    assert.isFalse(isDue(daily, late, at('2026-03-02T07:41:00')))
    assert.isFalse(isDue(daily, late, at('2026-03-02T23:59:00')), 'once a day')
    assert.isTrue(isDue(daily, late, at('2026-03-03T07:00:00')), 'the next morning on time')
  })

  test('a daily job is at its Finnish hour across the change to summer time', ({ assert }) => {
    const daily = job({ dailyAt: '03:30' })
    // Summer time began at 03.00 on 29 March 2026 (03.30 is then EEST).
    const last = at('2026-03-28T03:30:00')
    assert.isFalse(isDue(daily, last, at('2026-03-29T03:29:00')))
    assert.isTrue(isDue(daily, last, at('2026-03-29T04:30:00')))
  })

  test('a job never run is due; a job without a lock runs at every tick', ({ assert }) => {
    assert.isTrue(isDue(job({ dailyAt: '07:00' }), null, at('2026-03-02T15:00:00')))
    const everywhere = { ...job({ everyMinutes: 1 }), lock: null }
    const now = at('2026-03-02T15:00:00')
    assert.isTrue(isDue(everywhere, now, now))
  })

  test('schedules read as the operators write them', ({ assert }) => {
    assert.equal(describeSchedule({ everyMinutes: 1 }), 'every minute')
    assert.equal(describeSchedule({ everyMinutes: 5 }), 'every 5 minutes')
    assert.equal(describeSchedule({ everyMinutes: 60 }), 'hourly')
    assert.equal(describeSchedule({ dailyAt: '07:00' }), 'daily at 07.00')
  })
})
