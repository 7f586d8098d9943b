/*
| How many SMS a text takes. GSM-7 fits 160 characters in one message and
| 153 in each part of a longer one; the extension characters (€, [, ] ...)
| take two places. Any other character (a Cyrillic letter, an emoji) makes
| the whole text UCS-2: 70 in one, 67 per part. ä, ö and å are GSM-7.
*/
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENSION = '^{}\\[~]|€\f'

const basic = new Set(GSM_BASIC)
const extension = new Set(GSM_EXTENSION)

export type SmsSize = { encoding: 'GSM-7' | 'UCS-2'; characters: number; segments: number }

export function smsSize(text: string): SmsSize {
  const characters = [...text]
  const gsm = characters.every((char) => basic.has(char) || extension.has(char))
  if (gsm) {
    const units = characters.reduce((sum, char) => sum + (extension.has(char) ? 2 : 1), 0)
    return {
      encoding: 'GSM-7',
      characters: units,
      segments: units === 0 ? 0 : units <= 160 ? 1 : Math.ceil(units / 153),
    }
  }
  // UCS-2 counts 16-bit units: a character outside the basic plane (an emoji) takes two.
  const units = text.length
  return { encoding: 'UCS-2', characters: units, segments: units <= 70 ? 1 : Math.ceil(units / 67) }
}
