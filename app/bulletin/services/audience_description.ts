import type { I18n } from '@adonisjs/i18n'
import type Post from '#bulletin/models/post'
import { areaChoices, organisationSummary, staffSummary } from '#registry/services/directory'

/** "To: the distributors of Pirkanmaa", in the reader's language. */
export async function describeAudience(post: Post, i18n: I18n) {
  const areaName = async () => {
    const areas = await areaChoices(i18n.locale)
    return areas.find((area) => area.id === post.audienceAreaId)?.name ?? ''
  }
  switch (post.audience) {
    case 'national':
      return i18n.t('bulletin.to.national')
    case 'national_centre':
      return i18n.t('bulletin.to.national_centre')
    case 'national_status':
      return i18n.t('bulletin.to.national_status', {
        status: i18n.t(`bulletin.area_status.${post.audienceAreaStatus}`),
      })
    case 'area':
    case 'area_distributors':
    case 'area_venues':
      return i18n.t(`bulletin.to.${post.audience}`, { area: await areaName() })
    case 'organisation': {
      const organisation = await organisationSummary(post.audienceOrganisationId!)
      return i18n.t('bulletin.to.organisation', { name: organisation?.name ?? '' })
    }
    case 'user': {
      const user = await staffSummary(post.audienceUserId!)
      return i18n.t('bulletin.to.user', { name: user?.fullName ?? '' })
    }
  }
}
