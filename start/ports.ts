/*
| Ports: where a module needs something from a module that uses it, the lower
| one declares a port in its services and the higher one fills it here, at
| boot. The dependency between modules then runs one way only.
*/
import { provideCardWellbeing } from '#registry/services/wellbeing_port'
import { cardWellbeing } from '#surveys/services/card_wellbeing'
import { provideOccurrenceUsage } from '#offers/services/usage_port'
import { hasUses, placesGiven } from '#usage/services/venue_usage'
import { provideCodeFollowers } from '#registry/services/code_change_port'
import { moveUsesToCode } from '#usage/services/card_code_change'
import { moveAccountToCode } from '#omakaiku/services/account_code_change'
import { providePublicOfferCounts } from '#registry/services/offer_count_port'
import { publishedOfferCounts } from '#offers/services/offer_catalogue'
import { providePendingActivations } from '#home/services/holder_activation_port'
import { pendingActivationCodes } from '#omakaiku/services/pending_activations'
import { provideHolderSms } from '#omakaiku/services/holder_sms_port'
import { sendDirectSms } from '#messaging/transports/sms_transport'
import { provideWaitingListReach } from '#usage/services/waiting_list_port'
import { waitingListReach } from '#messaging/services/waiting_list_offers'

provideCardWellbeing(cardWellbeing)
// Places held for open waiting-list offers count as given: a cap is never lowered below them.
provideOccurrenceUsage({ placesTaken: placesGiven, hasUses })
provideCodeFollowers({ moveUses: moveUsesToCode, moveAccount: moveAccountToCode })
providePublicOfferCounts(publishedOfferCounts)
providePendingActivations(pendingActivationCodes)
provideHolderSms(sendDirectSms)
provideWaitingListReach(waitingListReach)
