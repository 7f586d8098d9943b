import { test } from '@japa/runner'
import {
  formatCardCode,
  generateCardCode,
  normalizeCardCode,
  parseCardCode,
} from '#registry/services/card_code'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

test.group('Card code', () => {
  test('a generated code is nine characters from the Crockford alphabet and passes its own check', ({
    assert,
  }) => {
    for (let round = 0; round < 200; round++) {
      const code = generateCardCode()
      assert.match(code, /^[0-9A-HJKMNP-TV-Z]{9}$/)
      assert.deepEqual(parseCardCode(code), { ok: true, code })
    }
  })

  test('every single mistyped character is caught by the check character', ({ assert }) => {
    const code = generateCardCode()
    for (let position = 0; position < code.length; position++) {
      for (const replacement of ALPHABET) {
        if (replacement === code[position]) continue
        const typo = code.slice(0, position) + replacement + code.slice(position + 1)
        assert.deepEqual(parseCardCode(typo), { ok: false, problem: 'wrong_check' }, typo)
      }
    }
  })

  test('swapping two neighbouring characters is caught', ({ assert }) => {
    let checked = 0
    for (let round = 0; round < 50; round++) {
      const code = generateCardCode()
      for (let position = 0; position < code.length - 1; position++) {
        if (code[position] === code[position + 1]) continue
        const swapped =
          code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2)
        // Luhn mod 32 misses only the swap of the first and last symbols (0 and Z).
        if ([code[position], code[position + 1]].sort().join('') === '0Z') continue
        assert.isFalse(parseCardCode(swapped).ok, `${code} → ${swapped}`)
        checked++
      }
    }
    assert.isAbove(checked, 300)
  })

  test('typing is forgiving: lower case, spaces, dashes and look-alike letters', ({ assert }) => {
    const code = generateCardCode()
    const typed = formatCardCode(code).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')
    assert.equal(normalizeCardCode(typed), code)
    assert.deepEqual(parseCardCode(` ${typed} `), { ok: true, code })
  })

  test('says what is wrong with a bad code', ({ assert }) => {
    assert.deepEqual(parseCardCode(''), { ok: false, problem: 'empty' })
    assert.deepEqual(parseCardCode('ABC'), { ok: false, problem: 'wrong_length' })
    assert.deepEqual(parseCardCode('ABCDEFGH#'), { ok: false, problem: 'invalid_characters' })
    assert.deepEqual(parseCardCode('ABCDEFGHUU'), { ok: false, problem: 'invalid_characters' })
  })

  test('is shown in groups of three for reading aloud', ({ assert }) => {
    assert.equal(formatCardCode('7KQM29XC4'), '7KQ-M29-XC4')
  })
})
