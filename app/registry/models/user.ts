import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { Role } from '#core/roles'
import Area from '#registry/models/area'
import Organisation from '#registry/models/organisation'

/**
 * The side of an area an area coordinator is responsible for: culture
 * (venues), welfare (distributors, "sote/hyte") or both.
 */
export const COORDINATOR_SIDES = ['culture', 'welfare', 'both'] as const
export type CoordinatorSide = (typeof COORDINATOR_SIDES)[number]

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/** A staff user of the registry. Cardholders never have a row here. */
export default class User extends compose(BaseModel, AuthFinder) {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fullName: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare role: Role

  @column()
  declare organisationId: number | null

  /** The area of an area coordinator. */
  @column()
  declare areaId: number | null

  /** An area coordinator's side (COORDINATOR_SIDES); null for other roles, or not set yet. */
  @column()
  declare coordinatorSide: CoordinatorSide | null

  @column()
  declare active: boolean

  /** The old register's id of an imported user; null for one added here. */
  @column()
  declare sourceId: string | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => Area)
  declare area: BelongsTo<typeof Area>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
