import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import Genre from '#offers/models/genre'
import { genreTree } from '#offers/services/offer_catalogue'
import { genreValidator } from '#offers/validators/genre'

/** The national centre edits the genre taxonomy: names in three languages, order, retiring. */
export default class GenresController {
  async index({ view }: HttpContext) {
    return view.render('pages/offers/genres/index', { genres: await genreTree(true) })
  }

  async create({ view, request, i18n }: HttpContext) {
    return view.render('pages/offers/genres/form', {
      genre: null,
      parentOptions: await this.#parentOptions(i18n.locale),
      defaults: { parentId: request.input('parent') },
    })
  }

  async store({ request, response, session, i18n }: HttpContext) {
    const input = await request.validateUsing(genreValidator)
    await Genre.create({
      ...input,
      parentId: input.parentId ?? null,
      position: input.position ?? 0,
      active: true,
      key: `custom_${randomUUID().slice(0, 8)}`,
    })
    session.flash('success', i18n.t('offers.genre_saved_flash'))
    return response.redirect().toRoute('genres.index')
  }

  async edit({ params, view, i18n }: HttpContext) {
    const genre = await Genre.findOrFail(params.id)
    return view.render('pages/offers/genres/form', {
      genre,
      parentOptions: await this.#parentOptions(i18n.locale, genre.id),
      defaults: genre.$attributes,
    })
  }

  async update({ params, request, response, session, i18n }: HttpContext) {
    const genre = await Genre.findOrFail(params.id)
    const input = await request.validateUsing(genreValidator)
    // A genre with sub-genres stays at the top level: the taxonomy is two levels deep.
    const hasChildren = await Genre.query().where('parent_id', genre.id).first()
    genre.merge({
      ...input,
      parentId: hasChildren || input.parentId === genre.id ? null : (input.parentId ?? null),
      position: input.position ?? genre.position,
      active: Boolean(input.active),
    })
    await genre.save()
    session.flash('success', i18n.t('offers.genre_saved_flash'))
    return response.redirect().toRoute('genres.index')
  }

  async #parentOptions(locale: string, except?: number) {
    const top = await Genre.query().whereNull('parent_id').orderBy('position')
    return top
      .filter((genre) => genre.id !== except)
      .map((genre) => ({ value: genre.id, label: genre.nameIn(locale) }))
  }
}
