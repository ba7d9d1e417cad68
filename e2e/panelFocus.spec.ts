import type { Page } from '@playwright/test'
import { expect, openApp, settled, test } from './fixtures.ts'

/**
 * A panel opened with the keyboard shows itself: the side panel was scrolled down to the In-flight
 * list, so the inspector (or a process's actions) was created above it, off-screen (at y = −510
 * and −686), with the focus left on the list or fallen to the page.
 */

/** Record each scrollIntoView's behaviour, to tell a smooth scroll from a jump. */
async function recordScrolls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: string[] = []
    ;(window as unknown as { scrolls: string[] }).scrolls = calls
    const original = Element.prototype.scrollIntoView
    Element.prototype.scrollIntoView = function (this: Element, arg?: boolean | ScrollIntoViewOptions) {
      calls.push(typeof arg === 'object' ? (arg.behavior ?? 'auto') : 'auto')
      original.call(this, arg)
    }
  })
}

const scrolls = (page: Page) => page.evaluate(() => (window as unknown as { scrolls: string[] }).scrolls)

test('Enter on the last In-flight message scrolls its inspector into view and focuses it', async ({
  page,
}) => {
  await recordScrolls(page)
  await openApp(page, '?preset=racing-adopt')
  await page.keyboard.press('i')
  const last = page.locator('.inflight-item').last()
  await last.focus()
  // The side panel has scrolled down to the list: the inspector will open above the fold.
  expect(await page.locator('.sidebar').evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  await page.keyboard.press('Enter')
  const heading = page.locator('#msg-title')
  await expect(heading).toBeFocused()
  await expect(heading).toBeInViewport()
  await expect(page.getByRole('button', { name: 'Deliver now' })).toBeInViewport()
  expect(await scrolls(page)).toContain('smooth')
})

test('the digit key opens a replica’s actions in view, focused, and jumps under reduced motion', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await recordScrolls(page)
  await openApp(page, '?preset=mp-steady')
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await settled(page)
  await page.keyboard.press('i')
  await page.locator('.inflight-item').last().focus()
  await page.keyboard.press('Escape')
  await page.keyboard.press('1')
  const heading = page.locator('#pmenu-title')
  await expect(heading).toBeFocused()
  await expect(page.getByRole('button', { name: 'Crash P1' })).toBeInViewport()
  const seen = await scrolls(page)
  expect(seen.length).toBeGreaterThan(0)
  expect(seen).not.toContain('smooth')
  // Tab goes on into the menu, not back to the page's top.
  await page.keyboard.press('Tab')
  await expect(page.locator('section.panel-focus')).toContainText('P1')
  expect(await page.evaluate(() => document.activeElement?.closest('section.panel-focus') !== null)).toBe(
    true,
  )
})

test('the In-flight list moves its focus with the arrow keys, and Delete hands it to the next message', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await settled(page)
  const rows = page.locator('.inflight-item')
  expect(await rows.count()).toBeGreaterThan(2)
  const ids = await rows.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.msgId))
  await page.keyboard.press('i')
  await expect(rows.first()).toBeFocused()
  // A list of options: ↓/↑ move the focus (the run stays where it is), Home/End go to its ends.
  await page.keyboard.press('ArrowDown')
  await expect(rows.nth(1)).toBeFocused()
  await page.keyboard.press('End')
  await expect(rows.last()).toBeFocused()
  await page.keyboard.press('Home')
  await expect(rows.first()).toBeFocused()
  await expect(page.locator('.position')).toContainText('step 3/')
  // One Tab stop: Tab leaves the list.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.classList.contains('inflight-item'))).toBe(false)
  await page.keyboard.press('Shift+Tab')
  await expect(rows.first()).toBeFocused()

  await page.keyboard.press('Enter')
  await expect(page.locator('#msg-title')).toBeFocused()
  await page.keyboard.press('Delete')
  await settled(page)
  // The dropped message is no longer selected, and the focus is on the one that took its place.
  await expect(page.locator('#msg-title')).toHaveCount(0)
  await expect(page.locator(`.inflight-item[data-msg-id="${ids[1]}"]`)).toBeFocused()
  // So N has nothing lost to deliver: no refusal.
  await page.keyboard.press('n')
  // A refusal shows at once (the store sets it in the key's handler): give it a moment to draw.
  await page.waitForTimeout(300)
  await expect(page.locator('.notice-banner')).toHaveCount(0)
})

test('Drop in the inspector keeps the focus in the inspector, which tells what became of the message', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await settled(page)
  await page.locator('.inflight-item').first().click()
  await page.getByRole('button', { name: 'Drop' }).click()
  await settled(page)
  await expect(page.locator('#msg-title')).toBeFocused()
  await expect(page.locator('section', { has: page.locator('#msg-title') })).toContainText('dropped by hand')
})

test('the focus ring of an In-flight row is drawn whole inside the scrolling list', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.keyboard.press('i')
  const row = page.locator('.inflight-item').first()
  await expect(row).toBeFocused()
  const fit = await row.evaluate((el) => {
    const list = el.closest('.inflight-list') as HTMLElement
    const style = getComputedStyle(el)
    const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth)
    const r = el.getBoundingClientRect()
    const box = list.getBoundingClientRect()
    const inner = {
      left: box.left + list.clientLeft,
      top: box.top + list.clientTop,
      right: box.left + list.clientLeft + list.clientWidth,
      bottom: box.top + list.clientTop + list.clientHeight,
    }
    return {
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 3,
      inside:
        r.left - reach >= inner.left - 0.5 &&
        r.right + reach <= inner.right + 0.5 &&
        r.top - reach >= inner.top - 0.5 &&
        r.bottom + reach <= inner.bottom + 0.5,
    }
  })
  expect(fit).toEqual({ ring: true, inside: true })
})
