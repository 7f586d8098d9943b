import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { deleteNote, noteOf, notesOf, rewriteNote, writeNote } from '#omakaiku/services/notes'
import { noteValidator } from '#omakaiku/validators/holder_forms'
import { historyOf, holderUse } from '#usage/services/holder_uses'

/** Private notes: only the holder reads them; stored encrypted. */
export default class NotesController {
  async index({ auth, view }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const [notes, uses] = await Promise.all([notesOf(account.id), historyOf(account.cardCode)])
    return view.render('pages/omakaiku/notes', {
      notes,
      useTitles: new Map(uses.map((use) => [use.id, use.title])),
    })
  }

  async create({ auth, request, view }: HttpContext) {
    const use = request.input('use')
      ? await holderUse(auth.use('holder').getUserOrFail().cardCode, Number(request.input('use')))
      : null
    return view.render('pages/omakaiku/note_form', { note: null, use, submissionKey: randomUUID() })
  }

  async store({ auth, request, response, session, i18n }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const { body, useId, submissionKey } = await request.validateUsing(noteValidator)
    // A note can be about the holder's own event only; any other id is dropped.
    const use = useId ? await holderUse(account.cardCode, useId) : null
    await writeNote(account.id, body, use?.id ?? null, submissionKey ?? randomUUID())
    session.flash('success', i18n.t('omakaiku.note_saved'))
    return response.redirect().toRoute('notes.index')
  }

  async edit({ auth, params, view }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const note = await noteOf(account.id, params.id)
    const use = note.useId ? await holderUse(account.cardCode, note.useId) : null
    return view.render('pages/omakaiku/note_form', { note, use })
  }

  async update({ auth, params, request, response, session, i18n }: HttpContext) {
    const { body } = await request.validateUsing(noteValidator)
    await rewriteNote(auth.use('holder').getUserOrFail().id, params.id, body)
    session.flash('success', i18n.t('omakaiku.note_saved'))
    return response.redirect().toRoute('notes.index')
  }

  async destroy({ auth, params, response, session, i18n }: HttpContext) {
    await deleteNote(auth.use('holder').getUserOrFail().id, params.id)
    session.flash('success', i18n.t('omakaiku.note_deleted'))
    return response.redirect().toRoute('notes.index')
  }
}
