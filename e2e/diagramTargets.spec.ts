import type { Page } from '@playwright/test'
import { diagramStill, expect, openApp, test } from './fixtures.ts'

/**
 * Issue 12: a message just sent is only a 1.5 px dotted line, and 2 px off it used to miss. Every
 * arrow now has an invisible hit area along its whole path: 24 px wide, 44 px on a touch screen.
 */

/**
 * A point `off` px to the side of the dotted line of the first message just sent (nothing of it
 * drawn yet); negative is the side away from the later messages of the same broadcast.
 */
async function besideJustSent(page: Page, off: number) {
  await diagramStill(page)
  return page.evaluate((offPx) => {
    for (const g of document.querySelectorAll<SVGGElement>(
      '.tl-diagram .tl-arrow.tl-in-flight:not(.tl-self)',
    )) {
      const shaft = g.querySelector('.tl-shaft')
      const ghost = g.querySelector<SVGLineElement>('.tl-ghost')
      if (!shaft || !ghost || shaft.getAttribute('x1') !== shaft.getAttribute('x2')) continue
      const n = (a: string) => Number(ghost.getAttribute(a))
      const [x1, y1, x2, y2] = [n('x1'), n('y1'), n('x2'), n('y2')]
      const len = Math.hypot(x2 - x1, y2 - y1)
      // Halfway along, then off to the side (perpendicular to the line).
      const p = new DOMPoint(
        (x1 + x2) / 2 + ((y1 - y2) / len) * offPx,
        (y1 + y2) / 2 + ((x2 - x1) / len) * offPx,
      )
      const ctm = ghost.getScreenCTM()
      if (!ctm) continue
      const s = p.matrixTransform(ctm)
      return { id: g.getAttribute('data-msg-id'), x: s.x, y: s.y }
    }
    throw new Error('no message just sent')
  }, off)
}

/** Step the racing example until some message has just been sent. */
async function toJustSent(page: Page) {
  await openApp(page, '?preset=racing-adopt')
  await page.locator('.tl-diagram').focus()
  for (let i = 0; i < 12; i++) {
    const n = await page.locator('.tl-diagram .tl-arrow.tl-in-flight:not(.tl-self) .tl-queued').count()
    if (n > 0) return
    await page.keyboard.press('ArrowRight')
  }
}

test('a message just sent is selected by a click 10 px off its dotted line', async ({ page }) => {
  await toJustSent(page)
  const at = await besideJustSent(page, -10)
  await page.mouse.click(at.x, at.y)
  await expect(page.locator(`.tl-diagram .tl-arrow[data-msg-id="${at.id}"]`)).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  // Beyond the targets nothing is selected: a click in the empty future, right of the cursor.
  const svg = await page.locator('.tl-diagram').boundingBox()
  if (!svg) throw new Error('no diagram')
  await page.mouse.click(svg.x + svg.width - 40, at.y)
  await expect(page.locator('.tl-diagram .tl-arrow[aria-pressed="true"]')).toHaveCount(0)
})

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 1024, height: 768 } })

  test('a tap 20 px off the dotted line still selects the message (44 px target)', async ({ page }) => {
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true)
    await toJustSent(page)
    const at = await besideJustSent(page, -20)
    await page.touchscreen.tap(at.x, at.y)
    await expect(page.locator(`.tl-diagram .tl-arrow[data-msg-id="${at.id}"]`)).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  })
})
