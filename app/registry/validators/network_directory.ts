import vine from '@vinejs/vine'
import { DIRECTORY_TYPES } from '#registry/services/network_directory'

/** The directory's filters, from the query string: all optional. */
export const networkDirectoryFilterValidator = vine.compile(
  vine.object({
    area: vine.number().withoutDecimals().min(1).optional(),
    municipality: vine.number().withoutDecimals().min(1).optional(),
    type: vine.enum(DIRECTORY_TYPES).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)
