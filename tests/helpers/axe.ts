import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright'

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and
 * throws with a readable list when anything is found.
 */
export async function assertNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  if (results.violations.length) {
    const list = results.violations
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(' ')).join('\n    ')}`
      )
      .join('\n  ')
    throw new Error(
      `axe found ${results.violations.length} violation(s) on ${page.url()}:\n  ${list}`
    )
  }
}
