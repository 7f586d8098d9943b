/// <reference lib="dom" />
import { AxeBuilder } from '@axe-core/playwright'
import type { Assert } from '@japa/assert'
import type { Page } from 'playwright'
import { chromiumAvailable } from '#tests/helpers/chromium'

/** Without Chromium a developer's run skips browser tests; in CI a missing browser fails the run. */
export const skipWithoutBrowser = !chromiumAvailable() && !process.env.CI

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, and best practices) on the page as
 * it is now and throws with a readable list when anything is found.
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

/** Script errors and Content-Security-Policy refusals each page has logged since it was last checked. */
const scriptProblems = new WeakMap<Page, string[]>()

function watchScripts(page: Page) {
  if (scriptProblems.has(page)) return scriptProblems.get(page)!
  const problems: string[] = []
  scriptProblems.set(page, problems)
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      problems.push(`${page.url()}: ${message.text()}`)
  })
  return problems
}

/**
 * Every page a browser test sees: loaded, no axe violations, no template code
 * left unrendered, and (from the first check on) no script error or
 * Content-Security-Policy refusal in the console.
 */
export async function checked(page: Page) {
  const problems = watchScripts(page)
  await page.waitForLoadState('load')
  if (problems.length) {
    const found = problems.splice(0)
    throw new Error(`The browser logged script problems:\n  ${found.join('\n  ')}`)
  }
  await assertNoAxeViolations(page)
  const text = await page.locator('body').innerText()
  if (/@!?[a-zA-Z.]+\(|\{\{/.test(text))
    throw new Error(`Unrendered template code on ${page.url()}`)
  return page
}

/**
 * The page at 320 px wide (WCAG 1.4.10 reflow, also what 400 % zoom of a
 * 1280 px window gives): checked as above, and nothing scrolls sideways.
 */
export async function checkedAtPhoneWidth(page: Page) {
  await page.setViewportSize({ width: 320, height: 640 })
  await checked(page)
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth
  )
  if (overflow > 0)
    throw new Error(`${page.url()} scrolls sideways by ${overflow} px at 320 px wide`)
}

/**
 * A page seen with JavaScript off, checked at 320 px as checkedAtPhoneWidth
 * does. axe needs scripts in the page, so it runs on a copy: the same HTML at
 * the same address, with the app's styles, in a page whose own scripts are
 * blocked, so it is what a browser without JavaScript shows.
 */
export async function checkedWithoutScripts(page: Page) {
  await page.waitForLoadState('load')
  const html = await page.content()
  const url = page.url()
  const copyContext = await page.context().browser()!.newContext()
  try {
    await copyContext.route('**/*.js', (route) => route.abort())
    await copyContext.route(url, (route) =>
      route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' })
    )
    const copy = await copyContext.newPage()
    await copy.goto(url)
    await checkedAtPhoneWidth(copy)
  } finally {
    await copyContext.close()
  }
  return page
}

/**
 * Runs an action that sends a form htmx answers in place (the box office's
 * registration: no page loads) and waits until the answer is swapped in and
 * settled, the app's script done with focus.
 */
export async function htmxAnswers(page: Page, action: () => Promise<unknown>) {
  await page.evaluate(() => {
    const w = window as unknown as { htmxSettled?: Promise<void> }
    w.htmxSettled = new Promise((resolve) =>
      document.addEventListener('htmx:afterSettle', () => resolve(), { once: true })
    )
  })
  await action()
  await page.evaluate(() => (window as unknown as { htmxSettled?: Promise<void> }).htmxSettled)
}

/**
 * Asserts that the page's main content shows each text. A failure says the
 * page's address and all its main text (chai quotes only the first 40
 * characters), so a run's log tells what the page was: a sign-in page, an
 * error page, or the right page with other figures.
 */
export async function assertShows(assert: Assert, page: Page, ...texts: string[]) {
  const shown = await page.locator('main').innerText()
  for (const text of texts) {
    assert.include(shown, text, `${page.url()} showed:\n${shown}\n---\n`)
  }
  return shown
}

/** Runs an action (a click that sends a form or follows a link) and waits for the next page to load. */
export async function submits(page: Page, action: () => Promise<unknown>) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()])
}

/**
 * Opens the site's menu where a narrow screen folds it behind "Valikko" (a
 * <details>); on a wide screen, or when it is open already, does nothing.
 */
export async function openMenu(page: Page) {
  const toggle = page.locator('summary.site-menu__toggle')
  if (!(await toggle.isVisible())) return
  if ((await page.locator('details.site-menu').getAttribute('open')) === null) await toggle.click()
}
