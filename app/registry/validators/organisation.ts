import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import type { FieldContext } from '@vinejs/vine/types'
import {
  APPROVAL_STATES,
  DISTRIBUTOR_CATEGORIES,
  ORGANISATION_TYPES,
  VENUE_CATEGORIES,
} from '#registry/models/organisation'
import { contactPhoneOf } from '#registry/services/contact_phone'

/** A phone number one can call, kept in E.164 form. */
const contactPhone = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const e164 = contactPhoneOf(value)
  if (e164) field.mutate(e164, field)
  else field.report('Not a phone number', 'phone', field)
})

/** A public web address (http or https) the directory links to. */
export const publicUrl = () =>
  vine
    .string()
    .trim()
    .maxLength(500)
    .url({ protocols: ['http', 'https'], require_protocol: true })

export const organisationValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(150),
    type: vine.enum(ORGANISATION_TYPES),
    areaId: vine.number().withoutDecimals().min(1).optional(),
    municipalityId: vine.number().withoutDecimals().min(1).optional(),
    venueCategory: vine.enum(VENUE_CATEGORIES).optional().requiredWhen('type', '=', 'venue'),
    // Required for a new distributor (organisation_service: distributorCategoryOf).
    distributorCategory: vine.enum(DISTRIBUTOR_CATEGORIES).optional(),
    active: vine.boolean().optional(),
    endsOn: vine.date({ formats: DATE_FORMATS }).optional(),
    contactName: vine.string().trim().maxLength(150).optional(),
    contactPhone: vine.string().trim().maxLength(30).use(contactPhone()).optional(),
    contactEmail: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
    websiteUrl: publicUrl().optional(),
    accessibilityUrl: publicUrl().optional(),
    // Life cycle and commitment (organisation_proposals.ts)
    commitmentSignedOn: vine.date({ formats: DATE_FORMATS }).optional(),
    commitmentVersion: vine.string().trim().maxLength(50).optional(),
    submissionKey: vine.string().uuid().optional(),
  })
)

/** The national centre's decision on a proposal; a decline needs its reason. */
export const proposalDecisionValidator = vine.compile(
  vine.object({
    decision: vine.enum(['approve', 'decline'] as const),
    reason: vine
      .string()
      .trim()
      .maxLength(1000)
      .optional()
      .requiredWhen('decision', '=', 'decline'),
    midYearConfirmed: vine.boolean().optional(),
  })
)

export const organisationFilterValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100).optional(),
    type: vine.enum(ORGANISATION_TYPES).optional(),
    areaId: vine.number().withoutDecimals().min(1).optional(),
    approval: vine.enum(APPROVAL_STATES).optional(),
    commitment: vine.enum(['missing'] as const).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)
