import type { I18n } from '@adonisjs/i18n'
import { COMMUNITY_ROLES, GENDERS, LIFE_SITUATIONS } from '#registry/models/card'
import { MOTHER_TONGUES } from '#registry/services/mother_tongues'
import { optionsOf } from '#core/services/choice_options'
import { cardWellbeing } from '#registry/services/wellbeing_port'

/** The choices of the card form, labelled in the page language. */
export function cardFormOptions(i18n: I18n) {
  return {
    typeOptions: optionsOf(i18n, 'cards.type', ['personal', 'community']),
    communityRoleOptions: optionsOf(i18n, 'cards.community_role', COMMUNITY_ROLES),
    genderOptions: optionsOf(i18n, 'cards.gender', GENDERS),
    lifeSituationOptions: optionsOf(i18n, 'cards.life_situation', LIFE_SITUATIONS),
    motherTongueOptions: optionsOf(i18n, 'cards.language', MOTHER_TONGUES),
    wellbeing: {
      swb: cardWellbeing().question('swb', i18n.locale),
      impact: cardWellbeing().question('impact', i18n.locale),
    },
  }
}
