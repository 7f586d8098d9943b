import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { extname } from 'node:path'
import { pipeline } from 'node:stream/promises'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import importsConfig from '#config/imports'
import type { ImportKindName } from '#core/services/import_kind'
import { createRun } from '#imports/services/import_runs'

/** A refused upload: which field and why (a key under `import.upload.*`). */
export class UploadRefused extends Error {
  constructor(
    public field: 'kind' | 'file',
    public reason: string,
    public params: Record<string, string> = {}
  ) {
    super(reason)
  }
}

export const IMPORT_EXTENSIONS = ['.csv', '.xlsx']

/**
 * Takes the upload form (processed here, not by the body parser: a file of a
 * million rows is far over the app's usual limit) and queues its dry run.
 * The file is streamed to the import storage under a name of our own.
 */
export async function receiveUpload(ctx: HttpContext, kinds: readonly ImportKindName[]) {
  const { request } = ctx
  const dir = app.makePath(importsConfig.storageDir)
  await mkdir(dir, { recursive: true })
  let upload: { uploadedAs: string; storedFile: string } | null = null
  let wrongType = false
  request.multipart.onFile('file', {}, async (part, reportChunk) => {
    const uploadedAs = part.file.clientName
    const extension = extname(uploadedAs).toLowerCase()
    if (!uploadedAs) return part.resume()
    if (!IMPORT_EXTENSIONS.includes(extension)) {
      wrongType = true
      return part.resume()
    }
    const storedFile = `${randomUUID()}${extension}`
    part.on('data', reportChunk)
    await pipeline(part, createWriteStream(app.makePath(dir, storedFile)))
    upload = { uploadedAs, storedFile }
  })
  await request.multipart.process({ limit: importsConfig.maxFileSize })

  const received = upload as { uploadedAs: string; storedFile: string } | null
  const kind = request.input('kind') as ImportKindName
  const discard = () => received && rm(app.makePath(dir, received.storedFile), { force: true })
  if (!kinds.includes(kind)) {
    await discard()
    throw new UploadRefused('kind', 'choose_kind')
  }
  if (wrongType) throw new UploadRefused('file', 'wrong_type')
  if (!received) throw new UploadRefused('file', 'choose_file')
  return createRun({
    kind,
    dryRun: true,
    uploadedAs: received.uploadedAs.slice(0, 255),
    storedFile: received.storedFile,
    userId: ctx.auth.use('staff').getUserOrFail().id,
  })
}
