import vine from '@vinejs/vine'

const name = () => vine.string().trim().minLength(2).maxLength(80)

export const genreValidator = vine.compile(
  vine.object({
    parentId: vine
      .number()
      .withoutDecimals()
      .exists({
        table: 'genres',
        column: 'id',
        connection: 'registry',
        filter: (query) => {
          query.whereNull('parent_id')
        },
      })
      .optional(),
    nameFi: name(),
    nameSv: name(),
    nameEn: name(),
    position: vine.number().withoutDecimals().range([0, 999]).optional(),
    active: vine.boolean().optional(),
  })
)
