import type { Page } from '@playwright/test'
import { expect, openApp, position, shot, test } from './fixtures.ts'

/**
 * The top bar's status row on a phone: a run with a violation shows three things there (the
 * broken-variant button, the progress chip, the violation pill), and the pill ran off the screen
 * ("⚠ Violated · st…", the step unreadable: tester6 #4). Now each lies on the screen, whole.
 */
const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 780 },
] as const

/** Each item of the status row: its edges, and whether its text overflows its box. */
function statusItems(page: Page) {
  return page.locator('.topbar-status > *').evaluateAll((items) =>
    items.map((el) => {
      const r = el.getBoundingClientRect()
      return {
        name: el.getAttribute('aria-label') ?? el.textContent ?? '',
        left: r.left,
        right: r.right,
        top: r.top,
        // The text fits the box: nothing cut at its end or below its last line.
        clipped: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
      }
    }),
  )
}

for (const phone of PHONES) {
  test.describe(`a ${phone.width} × ${phone.height} phone`, () => {
    test.use({ viewport: phone, hasTouch: true, isMobile: true })

    test('the violation pill lies on the screen and says its step, whole', async ({ page }) => {
      await openApp(page, '?preset=mp-bug-ignore-promises')
      await page.getByRole('button', { name: /Jump to end/ }).tap()
      await expect(position(page)).toContainText(/step (\d+)\/\1/)
      const pill = page.locator('.topbar-status .badge-bad')
      await expect(pill).toHaveAttribute('aria-label', /^Violated: .* at step \d+/)
      await shot(page, `phone-status-${phone.width}`)
      const step = /at step (\d+)/.exec((await pill.getAttribute('aria-label')) ?? '')?.[1]
      // What the pill shows (its short form is drawn from an attribute): the step is in it.
      const shown = await pill
        .locator('.chip-short')
        .evaluate((el) => getComputedStyle(el, '::before').content.replace(/\u00a0/g, ' '))
      expect(shown).toContain(`step ${step}`)
      await expect(pill).toBeInViewport({ ratio: 1 })
      const width = phone.width
      for (const item of await statusItems(page)) {
        expect(item.left, item.name).toBeGreaterThanOrEqual(0)
        expect(item.right, item.name).toBeLessThanOrEqual(width)
        expect(item.clipped, item.name).toBe(false)
      }
      // On these phones the three share one row: the diagram loses no height to the pill.
      const tops = (await statusItems(page)).map((item) => item.top)
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(2)
      // A tap on it still goes to the step of the violation.
      await pill.tap()
      await expect(position(page)).toContainText(`step ${step}/`)
    })
  })
}
