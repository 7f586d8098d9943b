/*
| Bouncer policies of every module, by name. A policy that says no to a
| record outside the user's scope answers 404, so a URL reveals nothing.
*/
export const policies = {
  CardPolicy: () => import('#registry/policies/card_policy'),
  AreaPolicy: () => import('#registry/policies/area_policy'),
  MunicipalityPolicy: () => import('#registry/policies/municipality_policy'),
  OrganisationPolicy: () => import('#registry/policies/organisation_policy'),
  StaffUserPolicy: () => import('#registry/policies/staff_user_policy'),
  PrintRunPolicy: () => import('#registry/policies/print_run_policy'),
  OfferPolicy: () => import('#offers/policies/offer_policy'),
  CardUsePolicy: () => import('#usage/policies/card_use_policy'),
  SurveyPolicy: () => import('#surveys/policies/survey_policy'),
  StatisticsPolicy: () => import('#stats/policies/statistics_policy'),
}
