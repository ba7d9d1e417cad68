import { expect, openApp, settled, test } from './fixtures.ts'

/**
 * Issue 11, "heartbeats drawn quietly (collapsible)": a protocol's routine messages can be hidden
 * from the diagram with one view button (or H) and shown again; the choice is remembered; the
 * messages still run and are still listed in flight. Issue 12: the cursor's pill keeps clear of
 * the view buttons when they are large (presenter mode).
 */

const heartbeats = (page: import('@playwright/test').Page) => page.locator('.tl-diagram .tl-arrow.tl-quiet')
const toggle = (page: import('@playwright/test').Page) =>
  page.getByRole('button', { name: 'Hide heartbeats' })

test.use({ viewport: { width: 1280, height: 720 } })

test('Multi-Paxos heartbeats can be hidden and shown again, and the choice is remembered', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  await page.locator('body').press('End')
  await settled(page)
  // The whole run in view: the commands' accepts as well as the heartbeats.
  await page.getByRole('button', { name: 'Fit the whole run' }).click()
  await expect(heartbeats(page).first()).toBeAttached()
  await toggle(page).click()
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true')
  await expect(heartbeats(page)).toHaveCount(0)
  // Only the routine messages go: the accepts and their replies are still drawn.
  await expect(page.locator('.tl-diagram .tl-arrow:not(.tl-quiet)').first()).toBeAttached()
  await page.reload()
  await settled(page)
  // The restored run opens with a view of its own: show all of it again, at its end.
  await page.locator('body').press('End')
  await settled(page)
  await page.getByRole('button', { name: 'Fit the whole run' }).click()
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true')
  await expect(heartbeats(page)).toHaveCount(0)
  // H on the diagram shows them again.
  await page.locator('.tl-diagram').focus()
  await page.keyboard.press('h')
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false')
  await expect(heartbeats(page).first()).toBeAttached()
})

test('single-decree Paxos has no routine messages, so no such button', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await expect(page.locator('.tl-toolbar button')).toHaveCount(5)
  await expect(toggle(page)).toHaveCount(0)
})

test.describe('presenter mode, 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } })

  test("the cursor's pill at step 0 is not covered by the 44 px view buttons", async ({ page }) => {
    await openApp(page, '?preset=mp-steady')
    await page.keyboard.press('p')
    await expect(page.locator('.presenter')).toBeVisible()
    // Left edge of the pill minus the right edge of the buttons, once the layout has settled.
    const gap = async () => {
      const pill = await page.locator('.tl-cursor rect').boundingBox()
      const bar = await page.locator('.tl-toolbar').boundingBox()
      return pill && bar ? pill.x - (bar.x + bar.width) : -1
    }
    await expect.poll(gap).toBeGreaterThanOrEqual(0)
    await expect(page.locator('.tl-cursor')).toHaveAttribute('aria-label', 'Now: tick 0, step 0')
  })
})
