/*
| Bouncer policies of every module, by name. A policy that says no to a
| record outside the user's scope answers 404, so a URL reveals nothing.
*/
export const policies = {
  CardPolicy: () => import('#registry/policies/card_policy'),
}
