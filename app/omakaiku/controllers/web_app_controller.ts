import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { HOLDER_PATH } from '#config/session'
import { assetUrl } from '#core/services/assets'

let serviceWorker: Promise<string> | undefined
/** What the offline card page needs besides itself (it works without scripts). */
const OFFLINE_ASSETS = ['css/app.css', 'icons/omakaiku.svg']

/** OmaKaiku as an installable home-screen app: the manifest and the service worker. */
export default class WebAppController {
  async manifest({ response, i18n }: HttpContext) {
    response.header('Content-Type', 'application/manifest+json; charset=utf-8')
    return response.send(
      JSON.stringify({
        name: i18n.t('omakaiku.app_name'),
        short_name: 'OmaKaiku',
        description: i18n.t('omakaiku.app_description'),
        lang: i18n.locale,
        start_url: urlFor('my_card.show'),
        scope: `${HOLDER_PATH}/`,
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#6b2c6f',
        icons: [
          { src: assetUrl('icons/omakaiku.svg'), sizes: 'any', type: 'image/svg+xml' },
          { src: assetUrl('icons/omakaiku-192.png'), sizes: '192x192', type: 'image/png' },
          { src: assetUrl('icons/omakaiku-512.png'), sizes: '512x512', type: 'image/png' },
        ],
      })
    )
  }

  /**
   * Served under HOLDER_PATH, so that its scope is OmaKaiku and nothing else.
   * It names the card page's files by their hashed addresses, so a new
   * stylesheet is a new service worker, which the browser installs.
   */
  async serviceWorker({ response }: HttpContext) {
    serviceWorker ??= readFile(app.makePath('resources/web_app/service_worker.js'), 'utf8')
    const source = await serviceWorker
    const files = OFFLINE_ASSETS.map((name) => assetUrl(name))
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    return response.send(source.replace('var ASSETS = []', `var ASSETS = ${JSON.stringify(files)}`))
  }
}
