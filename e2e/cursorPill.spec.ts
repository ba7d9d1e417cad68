import type { Page } from '@playwright/test'
import { expect, openApp, position, test } from './fixtures.ts'

/**
 * The cursor's "t 1 · step 1" pill never hides an axis number, not even in part. Pushed right of
 * the view buttons (the first steps) or left of the plot's edge (beside Multi-Paxos's log at
 * 1024×768), the presenter's pill half-covered "10" at step 1 and touched "115" at step 66.
 */
async function numbersUnderPill(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pill = document.querySelector('.tl-cursor rect')?.getBoundingClientRect()
    if (!pill) return []
    return [...document.querySelectorAll('.tl-axis > text')]
      .filter((t) => {
        const r = t.getBoundingClientRect()
        return r.right > pill.left - 2 && r.left < pill.right + 2
      })
      .map((t) => t.textContent ?? '')
  })
}

for (const [width, height] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test.describe(`presenting at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } })

    test('no axis number under the cursor’s pill, from the first step to the edge of the plot', async ({
      page,
    }) => {
      await openApp(page, '?preset=mp-leader-crash')
      for (const step of [1, 66, 120]) {
        await page.locator('.scrub-track input').fill(String(step))
        await expect(position(page)).toContainText(`step ${step}/`)
        await page.keyboard.press('p')
        await expect(page.locator('.presenter')).toBeVisible()
        await expect(page.locator('.tl-cursor')).toHaveAttribute('aria-label', /step /)
        expect(await numbersUnderPill(page), `step ${step}`).toEqual([])
        await page.keyboard.press('Escape')
        await expect(page.locator('.presenter')).toHaveCount(0)
      }
    })
  })
}
