import type { HttpContext } from '@adonisjs/core/http'
import { holderCard } from '#registry/services/holder_card'
import { cardCodeImages } from '#registry/services/card_images'

/** The card on the phone: the code as text and QR, its dates and whether it works. */
export default class MyCardController {
  async show({ auth, view }: HttpContext) {
    const { cardCode } = auth.use('holder').getUserOrFail()
    const [card, images] = await Promise.all([holderCard(cardCode), cardCodeImages(cardCode)])
    return view.render('pages/omakaiku/card', { card, qr: images.qr })
  }
}
