import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, position, test } from './fixtures.ts'

/**
 * A link that cannot be opened is said in presenter mode too (tester6): pasted into the address
 * of a lecture in presenter mode, nothing showed until Esc left it; the lecturer must see it on
 * the projector, in large type, dismiss it, and still see the diagram.
 */

test.use({ viewport: { width: 1024, height: 768 } })

const TRUNCATED =
  /This link could not be opened: the scenario link looks truncated.*Your current work is unchanged\./

/** The lecture in presenter mode, two clicks in; returns a truncated copy of its own link. */
async function presentAndTruncatedLink(page: Page): Promise<string> {
  await openApp(page, '?preset=mp-leader-crash&present')
  await expect(page.locator('.presenter')).toBeVisible()
  await page.keyboard.press('PageDown')
  await page.keyboard.press('PageDown')
  await expect(page).toHaveURL(/#s=1\./)
  const hash = new URL(page.url()).hash
  return hash.slice(0, Math.floor(hash.length / 2))
}

test('a broken link pasted in presenter mode is said on the projector; OK or Esc dismisses it', async ({
  page,
}) => {
  const truncated = await presentAndTruncatedLink(page)
  const step = await cursorStep(page)
  await page.evaluate((hash) => (window.location.hash = hash), truncated)
  const notice = page.locator('.presenter .presenter-notice')
  await expect(notice).toHaveText(TRUNCATED)
  await expect(page.locator('.presenter')).toBeVisible()
  expect(await cursorStep(page)).toBe(step)
  // Legible from the back row, and the diagram is still in view below it.
  const size = await notice.locator('p').evaluate((p) => parseFloat(getComputedStyle(p).fontSize))
  expect(size).toBeGreaterThanOrEqual(18)
  const diagram = (await page.locator('.presenter .diagram-pane').boundingBox())!
  const box = (await notice.boundingBox())!
  expect(diagram.y).toBeGreaterThanOrEqual(box.y + box.height - 1)
  expect(diagram.height).toBeGreaterThan(250)
  // The clicker still moves the run; Esc closes the message first, then leaves presenter mode.
  await page.keyboard.press('PageDown')
  await expect.poll(() => cursorStep(page)).toBeGreaterThan(step)
  await page.keyboard.press('Escape')
  await expect(notice).toBeHidden()
  await expect(page.locator('.presenter')).toBeVisible()
  await page.evaluate((hash) => (window.location.hash = hash), truncated.slice(0, -3))
  await expect(notice).toHaveText(TRUNCATED)
  await notice.getByRole('button', { name: /OK/ }).click()
  await expect(notice).toBeHidden()
  await page.keyboard.press('Escape')
  await expect(page.locator('.presenter')).toBeHidden()
})

test('opening a broken link after a lecture in presenter mode says so, by address or by reload', async ({
  page,
}) => {
  const truncated = await presentAndTruncatedLink(page)
  // The address the app wrote no longer has ?present: going to the broken link is a new hash for
  // the same page, which stays in presenter mode (what tester6 saw as presenter mode remembered).
  await page.goto(`/${truncated}`)
  await expect(page.locator('.presenter .presenter-notice')).toHaveText(TRUNCATED)
  // A fresh load of it in presenter mode: the kept lecture opens, with the message.
  await page.goto('about:blank')
  await page.goto(`/?present${truncated}`)
  await expect(page.locator('.presenter .presenter-notice')).toHaveText(TRUNCATED)
  await expect(position(page)).toContainText(/step \d+\/167/)
  // Without ?present a fresh load opens the app as usual, with the same message.
  await page.goto('about:blank')
  await page.goto(`/${truncated}`)
  await expect(page.locator('.presenter')).toHaveCount(0)
  await expect(page.getByText(TRUNCATED)).toBeVisible()
})
