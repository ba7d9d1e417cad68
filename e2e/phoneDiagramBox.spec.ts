import type { Page } from '@playwright/test'
import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

/**
 * On a phone the diagram stays in its own box, above the sheet, with every lane in sight: a notice
 * pushed the box down and shorter, the diagram kept a 240-px floor, and its last lanes ran under
 * the sheet's tabs (tester6 #5: P5 half hidden, C1 not seen).
 */

/** The diagram's box and drawing, the sheet's top, and the lanes whose header is not wholly seen. */
function diagramFit(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect()
    const pane = box('.diagram-pane')
    const drawing = box('.diagram-pane .tl-root')
    const sheet = box('.sheet')
    const unseen = [...document.querySelectorAll('.diagram-pane .tl-lane-header')]
      .filter((header) => {
        const r = header.getBoundingClientRect()
        if (r.top < pane.top - 1 || r.bottom > pane.bottom + 1) return true
        // Not under anything else either (the sheet's tabs were painted over the lanes).
        const onTop = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        return !(onTop && header.contains(onTop))
      })
      .map((header) => header.textContent)
    return { paneBottom: pane.bottom, drawingBottom: drawing.bottom, sheetTop: sheet.top, unseen }
  })
}

async function expectWholeDiagram(page: Page): Promise<void> {
  const fit = await diagramFit(page)
  expect(fit.unseen).toEqual([])
  expect(fit.drawingBottom).toBeLessThanOrEqual(fit.paneBottom + 1)
  expect(fit.paneBottom).toBeLessThanOrEqual(fit.sheetTop + 1)
}

test.describe('a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('a drop’s notice over the diagram leaves every lane in view, above the sheet', async ({ page }) => {
    await openApp(page, '?preset=mp-catch-up')
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight')
    await expect(position(page)).toContainText('step 30/')
    await page.getByRole('tab', { name: 'Messages' }).tap()
    await page.locator('.inflight-item', { hasText: '#29' }).tap()
    await page.getByRole('button', { name: 'Drop', exact: true }).tap()
    await settled(page)
    const notice = page.locator('.notice-banner', { hasText: 'Your drop at step 30' })
    await expect(notice).toBeVisible()
    await shot(page, 'phone-drop-notice')
    await expectWholeDiagram(page)
    // The sheet keeps its tabs and some of its panel.
    const body = (await page.locator('.sheet-body').boundingBox())!
    expect(body.height).toBeGreaterThanOrEqual(80)
  })
})

test.describe('a 375 × 667 phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true })

  test('every lane of a six-lane run is in view, above the sheet', async ({ page }) => {
    await openApp(page, '?preset=mp-catch-up')
    await shot(page, 'phone-375x667')
    await expectWholeDiagram(page)
  })
})
