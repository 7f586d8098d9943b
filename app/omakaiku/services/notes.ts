import Note from '#omakaiku/models/note'
import { oncePerSubmission } from '#core/services/one_time_form'

/*
| The holder's private notes. Every query is scoped to the account: a note
| id from another account is simply not found.
*/
export function notesOf(accountId: number) {
  return Note.query()
    .where('account_id', accountId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
}

export function noteOf(accountId: number, noteId: number) {
  return Note.query().where('account_id', accountId).where('id', noteId).firstOrFail()
}

/** A new note; the form's one-time key makes a double submit save it once. */
export function writeNote(
  accountId: number,
  body: string,
  useId: number | null,
  submissionKey: string
) {
  return oncePerSubmission(
    () =>
      Note.query().where('account_id', accountId).where('submission_key', submissionKey).first(),
    () => Note.create({ accountId, body, useId, submissionKey })
  )
}

export async function rewriteNote(accountId: number, noteId: number, body: string) {
  const note = await noteOf(accountId, noteId)
  note.body = body
  return note.save()
}

export async function deleteNote(accountId: number, noteId: number) {
  const note = await noteOf(accountId, noteId)
  await note.delete()
}
