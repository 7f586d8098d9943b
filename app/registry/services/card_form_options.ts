import type { I18n } from '@adonisjs/i18n'
import { COMMUNITY_ROLES, GENDERS, LIFE_SITUATIONS } from '#registry/models/card'
import { MOTHER_TONGUES } from '#registry/services/mother_tongues'

const options = (i18n: I18n, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: i18n.t(`${prefix}.${value}`) }))

/** The choices of the card form, labelled in the page language. */
export function cardFormOptions(i18n: I18n) {
  return {
    typeOptions: options(i18n, 'cards.type', ['personal', 'community']),
    communityRoleOptions: options(i18n, 'cards.community_role', COMMUNITY_ROLES),
    genderOptions: options(i18n, 'cards.gender', GENDERS),
    lifeSituationOptions: options(i18n, 'cards.life_situation', LIFE_SITUATIONS),
    motherTongueOptions: options(i18n, 'cards.language', MOTHER_TONGUES),
    scaleOptions: Array.from({ length: 11 }, (_, value) => ({ value, label: String(value) })),
  }
}
