import type { Page } from '@playwright/test'
import { expect, openApp, shot, test } from './fixtures.ts'

/**
 * Issue 12, a projector type scale: message labels at least 20 px in presenter mode at 1920×1080,
 * readable at 1024×768, and never overlapping (labels that would collide are left out).
 */

/** Font size of each arrow label, and whether any two labels' boxes overlap. */
const labels = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.tl-diagram .tl-label rect')].map((r) =>
      r.getBoundingClientRect(),
    )
    const sizes = [
      ...document.querySelectorAll('.tl-diagram :is(.tl-label-arrow, .tl-label-reject) text'),
    ].map((t) => parseFloat(getComputedStyle(t).fontSize))
    let overlaps = 0
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          overlaps++
      }),
    )
    return { sizes, overlaps }
  })

async function stepTo(page: Page, steps: number) {
  await page.locator('.tl-diagram').focus()
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight')
}

test.describe('at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } })
  test('presenter mode labels messages at 20 px or more, without overlaps', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    await page.getByRole('button', { name: /^Present/ }).click()
    await stepTo(page, 20)
    await expect(page.locator('.tl-diagram .tl-label-arrow').first()).toBeVisible()
    const { sizes, overlaps } = await labels(page)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20)
    expect(overlaps).toBe(0)
    // Fitted to the window too.
    await page.locator('.tl-diagram').focus()
    await page.keyboard.press('0')
    expect((await labels(page)).overlaps).toBe(0)
    await shot(page, 'presenter-type-1920')
  })
})

test.describe('at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } })
  test('labels stay readable (12.5 px and up) and never overlap', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    await stepTo(page, 20)
    await expect(page.locator('.tl-diagram .tl-label-arrow').first()).toBeVisible()
    const { sizes, overlaps } = await labels(page)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12.5)
    expect(overlaps).toBe(0)
  })

  test('presenter mode on a 1024×768 projector: 18 px labels and up, without overlaps', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    await page.getByRole('button', { name: /^Present/ }).click()
    await stepTo(page, 22)
    await expect(page.locator('.tl-diagram .tl-label-arrow').first()).toBeVisible()
    const { sizes, overlaps } = await labels(page)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18)
    expect(overlaps).toBe(0)
    await shot(page, 'presenter-type-1024')
  })
})
