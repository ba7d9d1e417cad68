import type { Page } from '@playwright/test'
import { expect, openApp, shot, test } from './fixtures.ts'

/*
 * The explorer's result sits at the top of its panel, above the form whose button starts a search.
 * A user who scrolled down to that button must still see the progress and the verdict, and a
 * keyboard user must not be left on the page's body (newcomer test, defect 1).
 */

const panel = (page: Page) => page.locator('.explorer-panel')
const onBody = (page: Page) => page.evaluate(() => document.activeElement === document.body)

const VIEWPORTS = [
  { name: 'a laptop', width: 1280, height: 720 },
  { name: 'a phone', width: 390, height: 844 },
  { name: 'a tablet held upright', width: 820, height: 1180 },
]

for (const { name, width, height } of VIEWPORTS) {
  test.describe(name, () => {
    test.use({ viewport: { width, height } })

    test('Search schedules, pressed at the bottom of the panel, shows the verdict in view and focuses it', async ({
      page,
    }) => {
      await openApp(page, '?preset=basic')
      await page.keyboard.press('e')
      const search = panel(page).getByRole('button', { name: 'Search schedules' })
      // Reached with the keyboard: the panel scrolls down to the button, away from its top.
      await search.focus()
      await page.keyboard.press('Enter')
      const verdict = panel(page).locator('.explorer-verdict')
      await expect(verdict).toContainText('Not reachable within these budgets', { timeout: 30_000 })
      await expect(verdict).toContainText('from step 0 with at most reorders')
      await expect(verdict).toBeInViewport()
      await expect(verdict).toBeFocused()
      expect(await onBody(page)).toBe(false)
      await shot(page, `explorer-verdict-in-view-${width}x${height}`)
    })
  })
}

test('a long check keeps the focus on Cancel while it runs, then on the verdict', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await panel(page).getByLabel('Acceptors').fill('5')
  await panel(page).getByRole('button', { name: 'Check the spec' }).focus()
  await page.keyboard.press('Enter')
  const cancel = panel(page).getByRole('button', { name: 'Cancel' })
  await expect(cancel).toBeFocused()
  await expect(cancel).toBeInViewport()
  await page.keyboard.press('Enter')
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Cancelled after', { timeout: 30_000 })
  await expect(verdict).toBeFocused()
  await expect(verdict).toBeInViewport()
})
