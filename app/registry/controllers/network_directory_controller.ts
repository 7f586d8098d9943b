import type { HttpContext } from '@adonisjs/core/http'
import { networkDirectoryFilterValidator } from '#registry/validators/network_directory'
import {
  DIRECTORY_TYPES,
  directoryEntry,
  directoryPage,
} from '#registry/services/network_directory'
import { areaChoices, municipalityChoices } from '#registry/services/directory'
import { optionsOf, recordOptions } from '#core/services/choice_options'

/** The public directory of the network: venues and distributors, without sign-in. */
export default class NetworkDirectoryController {
  async index({ request, view, i18n }: HttpContext) {
    const [errors, filters] = await networkDirectoryFilterValidator.tryValidate(request.qs())
    const { page, groups, offerCounts } = await directoryPage(
      filters ?? {},
      request.qs(),
      i18n.locale
    )
    const [areas, municipalities] = await Promise.all([
      areaChoices(i18n.locale),
      municipalityChoices(i18n.locale),
    ])
    const data = {
      page,
      groups,
      offerCounts,
      filters: request.qs(),
      filterError: Boolean(errors),
      areaOptions: recordOptions(areas, (area) => area.name),
      municipalityOptions: recordOptions(
        municipalities,
        (municipality) => `${municipality.name} (${municipality.areaName})`
      ),
      typeOptions: optionsOf(i18n, 'network.type', DIRECTORY_TYPES),
    }
    if (request.header('hx-request') && request.header('hx-target') === 'directory-results') {
      return view.render('pages/network/_results', data)
    }
    return view.render('pages/network/index', data)
  }

  async show({ params, view }: HttpContext) {
    return view.render('pages/network/show', await directoryEntry(params.id))
  }
}
