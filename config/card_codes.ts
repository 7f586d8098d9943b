/*
| Card codes from the old register (in use since 2015). Today's codes are
| eight Crockford base32 characters and a check character
| (app/registry/services/card_code.ts); the cards in people's wallets carry
| the old register's codes, which the import keeps as they are — with or
| without our check character — because the holder's card, QR code and
| barcode cannot be reprinted.
|
| `legacyCardCodes.pattern` is the one setting of which old codes are
| accepted. It is matched against the code upper-cased, with spaces and
| dashes removed ("kk-001 234" → "KK001234"), and with no look-alike mapping:
| an old code's O stays O. A typed or scanned code that fails today's check
| but matches the pattern is looked up as an old code; one the register does
| not hold is refused with today's message (a mistyped new code keeps its
| "wrong check character").
|
| The limit: every card code column (cards.code, uses.card_code,
| replaced_codes.old_code, printed_codes.code, OmaKaiku's accounts.card_code)
| is nine characters wide, so no old code longer than nine characters can be
| stored; the code refuses one even if the pattern were widened
| (CARD_CODE_LENGTH). Narrowing the pattern later makes already imported
| codes untypable at the box office: change it only before an import.
| Described in docs/CARD_RULES.md ("Card codes").
*/
const cardCodesConfig = {
  legacyCardCodes: {
    /** 4–9 letters A–Z and digits: "KK001234", "123456". */
    pattern: /^[A-Z0-9]{4,9}$/,
  },
}

export default cardCodesConfig
