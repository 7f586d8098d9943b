import { randomInt } from 'node:crypto'
import cardCodesConfig from '#config/card_codes'

/*
| Card codes: eight random Crockford base32 characters and one check
| character (Luhn mod 32), shown in groups of three: "7KQ-M2H-9X9".
| Crockford's alphabet has no I, L, O or U, so a code read aloud or typed by
| hand is hard to get wrong, and the check character catches every single
| mistyped character and every swap of two neighbours (except 0 and Z)
| before any lookup.
|
| Cards imported from the old register keep their old codes, in the format
| config/card_codes.ts accepts; findCardCode (card_code_lookup.ts) looks a
| typed code up as an old one when it fails today's check.
*/
/** Crockford's base32: the characters of a card code. */
export const CARD_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const DATA_LENGTH = 8
export const CARD_CODE_LENGTH = DATA_LENGTH + 1

export type CardCodeProblem = 'empty' | 'invalid_characters' | 'wrong_length' | 'wrong_check'
export type ParsedCardCode = { ok: true; code: string } | { ok: false; problem: CardCodeProblem }

/** Upper-cases and drops spaces and dashes: a code as typed, before any look-alike mapping. */
export function plainCardCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

/** Upper-cases, drops spaces and dashes, and maps look-alikes (O→0, I/L→1). */
export function normalizeCardCode(input: string): string {
  return plainCardCode(input).replace(/O/g, '0').replace(/[IL]/g, '1')
}

/** The check character of a code's data characters (Luhn mod 32). */
export function checkCharacter(data: string): string {
  let sum = 0
  let double = true
  for (let index = data.length - 1; index >= 0; index--) {
    let value = CARD_CODE_ALPHABET.indexOf(data[index])
    if (double) {
      value *= 2
      value = Math.floor(value / 32) + (value % 32)
    }
    sum += value
    double = !double
  }
  return CARD_CODE_ALPHABET[(32 - (sum % 32)) % 32]
}

export function generateCardCode(): string {
  let data = ''
  for (let index = 0; index < DATA_LENGTH; index++) {
    data += CARD_CODE_ALPHABET[randomInt(CARD_CODE_ALPHABET.length)]
  }
  return data + checkCharacter(data)
}

/** Checks a typed or scanned code and says what is wrong with it, if anything. */
export function parseCardCode(input: string | null | undefined): ParsedCardCode {
  const code = normalizeCardCode(input ?? '')
  if (code === '') return { ok: false, problem: 'empty' }
  if ([...code].some((char) => !CARD_CODE_ALPHABET.includes(char))) {
    return { ok: false, problem: 'invalid_characters' }
  }
  if (code.length !== CARD_CODE_LENGTH) return { ok: false, problem: 'wrong_length' }
  if (checkCharacter(code.slice(0, DATA_LENGTH)) !== code[DATA_LENGTH]) {
    return { ok: false, problem: 'wrong_check' }
  }
  return { ok: true, code }
}

/** Whether a stored code is one of today's: nine characters whose check character matches. */
function isNewFormat(code: string): boolean {
  return parseCardCode(code).ok && normalizeCardCode(code) === code
}

/**
 * Whether a code in its plain form (plainCardCode) has the old register's
 * format (config/card_codes.ts), within the nine characters a code column holds.
 */
export function isLegacyCardCode(plain: string): boolean {
  return plain.length <= CARD_CODE_LENGTH && cardCodesConfig.legacyCardCodes.pattern.test(plain)
}

export type ImportedCardCode =
  { ok: true; code: string; legacy: boolean } | { ok: false; problem: CardCodeProblem }

/**
 * The form an imported code is stored in. A code that is one of today's as
 * written is kept (legacy: false); otherwise a code in the old register's
 * format is kept as it is, upper-cased without spaces and dashes and with no
 * look-alike mapping (legacy: true), since the card in the holder's hand
 * says so; otherwise it must pass today's check, look-alikes mapped.
 */
export function importedCardCode(input: string): ImportedCardCode {
  const plain = plainCardCode(input.trim())
  if (isNewFormat(plain)) return { ok: true, code: plain, legacy: false }
  if (isLegacyCardCode(plain)) return { ok: true, code: plain, legacy: true }
  const parsed = parseCardCode(plain)
  return parsed.ok ? { ok: true, code: parsed.code, legacy: false } : parsed
}

/**
 * "7KQM29XC9" → "7KQ-M29-XC9", for reading aloud and printing. An old
 * register's code is shown as it is, as on the holder's card.
 */
export function formatCardCode(code: string): string {
  if (!isNewFormat(code)) return code
  return code.match(/.{1,3}/g)?.join('-') ?? code
}
