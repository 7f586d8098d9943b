import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import {
  answerHolderWellbeing,
  holderQuestionnaires,
  holderWellbeingStatus,
} from '#surveys/services/holder_wellbeing'
import { unlessAnswersRefused } from '#surveys/services/answer_refusal'

/** WHO-5 and the participation indicator for the holder: optional, once per card year. */
export default class WellbeingController {
  async show({ auth, view, i18n }: HttpContext) {
    const status = await holderWellbeingStatus(auth.use('holder').getUserOrFail().cardCode)
    return view.render('pages/omakaiku/wellbeing', {
      status,
      questionnaires: holderQuestionnaires(i18n.locale),
    })
  }

  async store(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const backTo = urlFor('wellbeing.show')
    const saved = await unlessAnswersRefused(ctx, backTo, async () => {
      await answerHolderWellbeing(auth.use('holder').getUserOrFail().cardCode, request.all())
      return true
    })
    if (!saved) return
    session.flash('success', i18n.t('surveys.wellbeing.thanks'))
    return response.redirect().toRoute('my_card.show')
  }

  /** "Not now": the card page stops inviting until the card year ends. */
  async later({ auth, response }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const status = await holderWellbeingStatus(account.cardCode)
    account.wellbeingPromptHiddenUntil = status.yearEndsOn
    await account.save()
    return response.redirect().toRoute('my_card.show')
  }
}
