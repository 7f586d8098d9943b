import Account from '#omakaiku/models/account'

/**
 * The activated accounts with this phone number, for answering the holder's
 * SMS: their card codes and languages. A number may serve more than one card.
 */
export async function holdersByPhone(phone: string) {
  const accounts = await Account.query()
    .where('phone', phone)
    .whereNotNull('activated_at')
    .select('card_code', 'locale')
  return accounts.map((account) => ({ cardCode: account.cardCode, locale: account.locale }))
}
