import env from '#start/env'

/*
| Accessibility feedback (the accessibility statement's feedback channel,
| the Act on the Provision of Digital Services 306/2019). The texts of the
| statement, the form and the national centre's list take the reply period
| from here.
*/
const feedbackConfig = {
  /** The law gives the provider 14 days to reply. */
  replyWithinDays: 14,
  /** The longest feedback and description of the page concerned, in characters. */
  maxMessageLength: 4000,
  maxConcernsLength: 200,
  /** Feedback from one network address, per hour; a whole office may share one address. */
  perAddressPerHour: 10,
  /** Kaikukeskus's address: each new feedback is also sent here, when set. */
  nationalCentreEmail: env.get('FEEDBACK_EMAIL') || null,
}

export default feedbackConfig
