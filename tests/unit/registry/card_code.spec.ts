import { test } from '@japa/runner'
import {
  CARD_CODE_LENGTH,
  formatCardCode,
  generateCardCode,
  importedCardCode,
  isLegacyCardCode,
  normalizeCardCode,
  parseCardCode,
} from '#registry/services/card_code'
import cardCodesConfig from '#config/card_codes'

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

  test('is shown in groups of three for reading aloud; an old code as it is on the card', ({
    assert,
  }) => {
    assert.equal(formatCardCode('7KQM29XC9'), '7KQ-M29-XC9')
    assert.equal(formatCardCode('KK001234'), 'KK001234')
    // Nine characters of the alphabet whose last one is no check character: an old code.
    assert.equal(formatCardCode('7KQM29XC4'), '7KQM29XC4')
  })
})

test.group('Card code: old codes from the old register', () => {
  test('the setting accepts 4–9 letters and digits, never more than a code column holds', ({
    assert,
  }) => {
    for (const code of ['KK001234', '123456', 'ABCD', 'KOKO12345']) {
      assert.isTrue(isLegacyCardCode(code), code)
    }
    for (const code of ['ABC', 'KK0012345X', 'KK-1234', 'ÄLY1234', 'kk001234']) {
      assert.isFalse(isLegacyCardCode(code), code)
    }
    // Even a pattern widened by mistake cannot let a code overflow the nine-character columns.
    const setting = cardCodesConfig.legacyCardCodes
    const original = setting.pattern
    try {
      setting.pattern = /^[A-Z0-9]+$/
      assert.isTrue(isLegacyCardCode('A'.repeat(CARD_CODE_LENGTH)))
      assert.isFalse(isLegacyCardCode('A'.repeat(CARD_CODE_LENGTH + 1)))
    } finally {
      setting.pattern = original
    }
  })

  test('an imported code is stored upper-cased without spaces and dashes, an old one without look-alike mapping', ({
    assert,
  }) => {
    assert.deepEqual(importedCardCode('kk-001 234'), { ok: true, code: 'KK001234', legacy: true })
    assert.deepEqual(importedCardCode('123456'), { ok: true, code: '123456', legacy: true })
    // The old register's O and I stay as they are on the holder's card.
    assert.deepEqual(importedCardCode('koki-1234'), { ok: true, code: 'KOKI1234', legacy: true })
    // Today's code is today's code, formatted or not.
    const code = generateCardCode()
    assert.deepEqual(importedCardCode(formatCardCode(code).toLowerCase()), {
      ok: true,
      code,
      legacy: false,
    })
    assert.deepEqual(importedCardCode(' '), { ok: false, problem: 'empty' })
    assert.deepEqual(importedCardCode('AB1'), { ok: false, problem: 'wrong_length' })
    assert.deepEqual(importedCardCode('KK00123456'), { ok: false, problem: 'wrong_length' })
    assert.deepEqual(importedCardCode('KÄ001234'), { ok: false, problem: 'invalid_characters' })
  })
})
