import type { Page } from '@playwright/test'
import { expect, openApp, position, settled, test } from './fixtures.ts'

/** The slider's box, rounded to the pixel. */
const sliderBox = (page: Page) =>
  page.getByLabel('Time: scheduler step').evaluate((el) => {
    const r = el.getBoundingClientRect()
    return [Math.round(r.x), Math.round(r.width)]
  })

/**
 * The slider must not move under the finger: the position text beside it changes at every step
 * ("step 9/400" → "step 277/400", then "· stopped at Max steps" at the last step), and in
 * mp-dueling-leaders at 1280 × 720 it pushed the slider from x = 192 to 225, then to 450 (842 px
 * wide, then 584) mid-drag.
 */
for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test(`the slider keeps its box from the first step to the last at ${viewport.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport)
    await openApp(page, '?preset=mp-dueling-leaders')
    const first = await sliderBox(page)
    const slider = page.getByLabel('Time: scheduler step')
    await slider.focus()
    for (const key of ['ArrowRight', 'PageDown', 'PageDown', 'PageDown', 'PageDown', 'End']) {
      await page.keyboard.press(key)
      await settled(page)
      expect(await sliderBox(page), key).toEqual(first)
    }
    // Stopped at its limit, the run says so, beside the slider, not in the position text.
    await expect(position(page)).toContainText(/step (\d+)\/\1/)
    if (viewport.width > 900) await expect(page.locator('.scrub-limit')).toHaveText('ends at Max steps')
  })
}
