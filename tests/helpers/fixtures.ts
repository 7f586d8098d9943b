import { randomUUID } from 'node:crypto'
import { type DateTime } from 'luxon'
import Area, { type AreaStatus } from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Organisation, { type OrganisationType } from '#registry/models/organisation'
import User from '#registry/models/user'
import type Card from '#registry/models/card'
import CardService, { type IssueCardInput } from '#registry/services/card_service'
import type { Role } from '#core/roles'

/** The password of every user these fixtures create. */
export const PASSWORD = 'correct horse battery'

let counter = 0
const unique = (prefix: string) => `${prefix} ${++counter} ${randomUUID().slice(0, 6)}`

export async function createArea(
  status: AreaStatus = 'in_use',
  pilotEndsOn: DateTime | null = null
) {
  const area = await Area.create({ name: unique('Alue'), status, pilotEndsOn })
  const municipality = await Municipality.create({ areaId: area.id, name: unique('Kunta'), status })
  return { area, municipality }
}

export async function createOrganisation(type: OrganisationType = 'distributor', area?: Area) {
  const place = area
    ? {
        area,
        municipality: await Municipality.create({
          areaId: area.id,
          name: unique('Kunta'),
          status: area.status,
        }),
      }
    : await createArea()
  return Organisation.create({
    name: unique('Organisaatio'),
    type,
    areaId: place.area.id,
    municipalityId: place.municipality.id,
    venueCategory: type === 'venue' ? 'theatre' : null,
    active: true,
  })
}

export async function createUser(
  role: Role,
  scope: { organisation?: Organisation; area?: Area } = {}
) {
  let organisation = scope.organisation ?? null
  if (!organisation && ['distributor', 'venue', 'ticket_agent'].includes(role)) {
    organisation = await createOrganisation(role as OrganisationType)
  }
  return User.create({
    fullName: unique('Käyttäjä'),
    email: `${randomUUID()}@example.fi`,
    password: PASSWORD,
    role,
    organisationId: organisation?.id ?? null,
    areaId: role === 'area_coordinator' ? (scope.area?.id ?? (await createArea()).area.id) : null,
    active: true,
  })
}

/** A valid issue-form body, as the browser would send it. */
export function cardForm(overrides: Record<string, unknown> = {}) {
  return {
    type: 'personal',
    birthYear: '1980',
    postalCode: '33100',
    childrenCount: '1',
    residesInArea: 'on',
    consent: 'on',
    swb: '7',
    submissionKey: randomUUID(),
    ...overrides,
  }
}

export async function issueCard(
  distributor: User,
  overrides: Partial<IssueCardInput> = {}
): Promise<Card> {
  return new CardService().issue(
    {
      type: 'personal',
      birthYear: 1980,
      postalCode: '33100',
      childrenCount: 1,
      swb: 7,
      submissionKey: randomUUID(),
      ...overrides,
    },
    distributor
  )
}
