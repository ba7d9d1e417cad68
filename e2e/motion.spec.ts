import { expect, openApp, position, test } from './fixtures.ts'

/** Messages travel along their arrows when stepping, and nothing moves under reduced motion. */

const travelling = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition === false)
        .map((a) => ((a as Animation).effect as KeyframeEffect | null)?.target)
        .filter((t): t is Element => !!t && !!t.closest('.tl-arrow')).length,
  )

test('a step makes the messages travel the stretch they covered', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await page.locator('.tl-svg').focus()
  // Steps 1 and 2 happen at tick 0 (P1's messages to itself); step 3 moves time to tick 10.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 3/')
  // The animations are short; poll right after the step.
  await expect.poll(() => travelling(page), { timeout: 2_000 }).toBeGreaterThan(0)
  // And they end: nothing keeps running while the run is idle.
  await expect.poll(() => travelling(page), { timeout: 3_000 }).toBe(0)
})

test('nothing travels under prefers-reduced-motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await openApp(page, '?preset=basic')
  await page.locator('.tl-svg').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 3/')
  await page.waitForTimeout(50)
  expect(await travelling(page)).toBe(0)
})
