import { expect, openApp, test } from './fixtures.ts'

/**
 * "Link copied" hung under Share and covered the diagram's zoom buttons (1280 × 720). Share now
 * says "Copied" on itself: nothing in the top bar moves, nothing is covered, and the live region
 * still says "Link copied" to a screen reader.
 */
for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 820, height: 1180 },
  { width: 390, height: 844 },
]) {
  test(`Share confirms the copy on itself at ${viewport.width} × ${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await openApp(page, '?preset=mp-leader-crash')
    const boxes = () =>
      page.locator('.topbar button, .topbar summary, .topbar .chip').evaluateAll((els) =>
        els
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .map((r) => [Math.round(r.x), Math.round(r.y), Math.round(r.width)].join(',')),
      )
    const before = await boxes()
    const share = page.getByRole('button', { name: 'Share', exact: true })
    await share.click()
    await expect(page.locator('.share-status')).toHaveText('Link copied')
    await expect(share.locator('.share-done')).toHaveCSS('opacity', '1')
    expect(await boxes()).toEqual(before)
    // The spoken confirmation takes no room on screen.
    const status = await page.locator('.share-status').boundingBox()
    expect(status && status.width * status.height).toBeLessThanOrEqual(1)
  })
}
