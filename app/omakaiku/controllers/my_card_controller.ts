import type { HttpContext } from '@adonisjs/core/http'
import { holderCard } from '#registry/services/holder_card'
import { cardCodeImages } from '#registry/services/card_images'
import { holderWellbeingStatus } from '#surveys/services/holder_wellbeing'
import { today } from '#core/services/time'

/** The card on the phone: the code as text and QR, its dates and whether it works. */
export default class MyCardController {
  async show({ auth, view }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const [card, images, wellbeing] = await Promise.all([
      holderCard(account.cardCode),
      cardCodeImages(account.cardCode),
      holderWellbeingStatus(account.cardCode),
    ])
    const hidden = account.wellbeingPromptHiddenUntil
    return view.render('pages/omakaiku/card', {
      card,
      qr: images.qr,
      wellbeingDue: wellbeing.due,
      // Invited until the holder answers or says "not now" for this card year.
      wellbeingInvite: wellbeing.due && !(hidden && hidden >= today()),
    })
  }
}
