/*
| A port (start/ports.ts): OmaKaiku sends a holder a code by SMS at once,
| through the messaging module's SMS transport, which sits above OmaKaiku.
*/
export type HolderSms = { to: string; cardCode: string; body: string }
type Sender = (sms: HolderSms) => Promise<void>

let sender: Sender | undefined

export function provideHolderSms(send: Sender) {
  sender = send
}

/** Sends the SMS now (not through the outbox); throws when the provider refuses it. */
export function sendHolderSms(sms: HolderSms) {
  if (!sender) throw new Error('No SMS sender: start/ports.ts provides it')
  return sender(sms)
}
