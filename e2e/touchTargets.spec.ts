import type { Locator, Page } from '@playwright/test'
import { expect, openApp, test } from './fixtures.ts'

/**
 * On a touch screen every control takes a finger: 44 × 44 CSS px (WCAG 2.5.5). Measured where the
 * finger lands, not by the box: the points 21.5 px above, below, left and right of the control's
 * centre must reach it, so a compact chip with an enlarged hit area passes and a control covered
 * by another fails. The top bar's buttons were 32 px tall (? 32 × 32), "Present" too on a tablet,
 * and the narration's message chips 45 × 22.
 */
async function reach(control: Locator): Promise<boolean[]> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const x = r.left + r.width / 2
    const y = r.top + r.height / 2
    return [
      [x, y - 21.5],
      [x, y + 21.5],
      [x - 21.5, y],
      [x + 21.5, y],
    ].map(([px, py]) => {
      const hit = document.elementFromPoint(px as number, py as number)
      return hit !== null && (hit === el || el.contains(hit))
    })
  })
}

async function expectFingerSized(page: Page, controls: Locator[]): Promise<void> {
  for (const control of controls) {
    await expect(control).toBeVisible()
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent())
    expect(await reach(control), `${name}`).toEqual([true, true, true, true])
  }
}

const topBar = (page: Page, present: boolean): Locator[] => [
  page.getByRole('button', { name: 'Share', exact: true }),
  page.getByRole('button', { name: 'Examples', exact: true }),
  page.locator('.topbar-actions summary', { hasText: 'File' }),
  page.getByRole('button', { name: 'Explore', exact: true }),
  page.locator('.topbar-actions summary', { hasText: 'More' }),
  page.locator('.help-btn'),
  ...(present ? [page.getByRole('button', { name: 'Present', exact: true })] : []),
]

async function stepTo(page: Page, step: number): Promise<void> {
  for (let i = 0; i < step; i++) await page.keyboard.press('ArrowRight')
  await expect(page.locator('.position')).toContainText(`step ${step}/`)
}

/** A narration chip scrolled to the middle of the feed, so the feed does not clip its hit area. */
async function middleChip(page: Page): Promise<Locator> {
  const chip = page.locator('.feed-chip').first()
  await chip.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  return chip
}

test.describe('a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('the top bar, the lane names and the narration’s chips take a finger; the bar keeps one row', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    await stepTo(page, 8)
    await expectFingerSized(page, topBar(page, false))
    // The actions stay on one row (a wrapped ? cost the diagram 48 px).
    const tops = await page
      .locator('.topbar-actions > *')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
    await expectFingerSized(page, [page.locator('.tl-lane-header[data-pid="3"]')])
    await expectFingerSized(page, [await middleChip(page)])
  })
})

test.describe('an 820 × 1180 tablet', () => {
  test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true })

  test('the top bar with Present, the lane names and the chips take a finger', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    await stepTo(page, 8)
    await expectFingerSized(page, [
      ...topBar(page, true),
      page.getByLabel('Choose an example run'),
      page.locator('.tl-lane-header[data-pid="1"]'),
      await middleChip(page),
    ])
  })
})
