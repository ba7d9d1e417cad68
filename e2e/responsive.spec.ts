import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, position, settled, shot, test } from './fixtures.ts'

/**
 * The lecture hall and the student's pocket: at every screen size the diagram comes first (every
 * lane, at least 40% of the screen), every time control is on screen and not covered, and the page
 * never scrolls sideways, not even when a panel's button is tapped.
 */
const SIZES = [
  { name: 'phone portrait', width: 390, height: 844, touch: true },
  { name: 'phone landscape', width: 844, height: 390, touch: true },
  { name: 'tablet portrait', width: 820, height: 1180, touch: true },
  { name: 'projector', width: 1024, height: 768, touch: false },
  { name: 'laptop', width: 1280, height: 720, touch: false },
  { name: 'full HD', width: 1920, height: 1080, touch: false },
] as const

/** The fraction of the viewport the diagram covers, and which lane headers lie wholly inside it. */
async function diagramCover(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.diagram-pane')?.getBoundingClientRect()
    if (!pane) return { share: 0, lanes: [] as number[] }
    const inside = (r: DOMRect): boolean =>
      r.width > 0 &&
      r.left >= pane.left - 1 &&
      r.right <= pane.right + 1 &&
      r.top >= pane.top - 1 &&
      r.bottom <= pane.bottom + 1
    const lanes = [...document.querySelectorAll('.tl-lane-header')]
      .filter((el) => inside(el.getBoundingClientRect()))
      .map((el) => Number(el.getAttribute('data-pid')))
    return { share: (pane.width * pane.height) / (innerWidth * innerHeight), lanes }
  })
}

/** Every control of the time toolbar and the slider: the labels of those not fully on screen and on top. */
async function hiddenControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>('.transport button, .transport select, .scrub-track input'),
    ]
    return controls
      .filter((el) => {
        const r = el.getBoundingClientRect()
        if (r.width < 1 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight)
          return true
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        return !(top && (el === top || el.contains(top)))
      })
      .map((el) => el.getAttribute('aria-label') ?? el.tagName)
  })
}

/** How far the page (or the app's frame) is scrolled sideways, and whether it could be. */
async function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    const app = document.querySelector('.app')
    return {
      overflow: root.scrollWidth - root.clientWidth,
      scrolled: window.scrollX + root.scrollLeft + (app?.scrollLeft ?? 0),
    }
  })
}

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      hasTouch: size.touch,
      isMobile: size.touch,
    })

    test('the diagram comes first, the controls are all reachable, nothing scrolls sideways', async ({
      page,
    }) => {
      await openApp(page, '?preset=racing-adopt')
      const cover = await diagramCover(page)
      expect(cover.lanes).toEqual([1, 2, 3, 4, 5])
      expect(cover.share).toBeGreaterThanOrEqual(0.4)
      expect(await hiddenControls(page)).toEqual([])
      // The example's whole title is shown wherever the bar has room for it (not on a phone).
      if (size.width >= 1024)
        await expect
          .poll(() =>
            page
              .getByLabel('Choose an example run')
              .evaluate((s: HTMLSelectElement) => s.scrollWidth <= s.clientWidth && s.clientWidth > 250),
          )
          .toBe(true)
      expect(await sideways(page)).toEqual({ overflow: 0, scrolled: 0 })
      await shot(page, `layout-${size.width}x${size.height}`)

      // A few steps in, then a message chosen in the In flight list: the page stays put.
      const step = page.getByRole('button', { name: /^Step \(/ })
      for (let i = 0; i < 3; i++) await (size.touch ? step.tap() : step.click())
      await settled(page)
      if (size.width <= 900) await page.getByRole('tab', { name: 'Messages' }).click()
      const item = page.locator('.inflight-item').last()
      await (size.touch ? item.tap() : item.click())
      await expect(item).toHaveAttribute('aria-pressed', 'true')
      expect(await sideways(page)).toEqual({ overflow: 0, scrolled: 0 })
      expect(await hiddenControls(page)).toEqual([])
    })

    test('the first hint speaks the device’s language', async ({ page }) => {
      await openApp(page, '?preset=basic')
      const hint = page.locator('.hint')
      if (size.width <= 900)
        await expect(page.getByRole('tab', { name: 'Steps' })).toHaveAttribute('aria-selected', 'true')
      if (size.touch) {
        await expect(hint).toContainText('Tap')
        await expect(hint).not.toContainText('Press')
      } else {
        await expect(hint).toContainText('Press')
      }
    })
  })
}

test.describe('touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('a tap on the diagram steps; a tap on a lane selects it instead', async ({ page }) => {
    await openApp(page, '?preset=basic')
    const pane = page.locator('.diagram-pane')
    const box = await pane.boundingBox()
    if (!box) throw new Error('no diagram')
    // Empty background, right of the run's first arrows, between two lanes.
    await page.touchscreen.tap(box.x + box.width - 20, box.y + box.height - 8)
    await expect.poll(() => cursorStep(page)).toBe(1)
    await page.touchscreen.tap(box.x + box.width - 20, box.y + box.height - 8)
    await expect.poll(() => cursorStep(page)).toBe(2)
    await page.locator('.tl-lane-header[data-pid="2"]').tap()
    await expect(page.getByRole('tab', { name: 'Processes' })).toHaveAttribute('aria-selected', 'true')
    expect(await cursorStep(page)).toBe(2)
    // The process's menu opens without a text field focused: no on-screen keyboard over the page.
    await expect(page.locator('#pmenu-title')).toBeFocused()
    await expect(page.getByLabel('Propose value')).not.toBeFocused()
  })

  test('a tap on a countdown steps too: a timer is no process target for a finger (Multi-Paxos, 8 lanes)', async ({
    page,
  }) => {
    // Election and heartbeat countdowns run along most lanes; as 24-px targets they covered most
    // of a phone's Multi-Paxos diagram, and a tap opened a process's menu (Crash) instead of
    // stepping. The mouse still opens the process from a countdown.
    await openApp(page, '?preset=mp-leader-crash')
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /^Step/ }).first().tap()
    await expect.poll(() => cursorStep(page)).toBe(3)
    // A point of a countdown that nothing else covers (arrows cross the lanes too).
    const at = await page.evaluate(() => {
      for (const rect of document.querySelectorAll('.tl-timer-hit')) {
        const b = rect.getBoundingClientRect()
        for (let x = b.left + 2; x < b.right - 2; x += 4) {
          const y = b.top + b.height / 2
          if (x > 0 && x < innerWidth && document.elementFromPoint(x, y) === rect) return { x, y }
        }
      }
      return null
    })
    if (!at) throw new Error('no countdown to tap')
    await page.touchscreen.tap(at.x, at.y)
    await expect.poll(() => cursorStep(page)).toBe(4)
    await expect(page.locator('#pmenu-title')).toHaveCount(0)
  })

  test('pinching the diagram zooms it', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    // A few steps in, so that arrows are drawn: their width grows with the zoom.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
    await expect(position(page)).toContainText('step 4/')
    const pane = page.locator('.diagram-pane')
    const box = await pane.boundingBox()
    if (!box) throw new Error('no diagram')
    // Two fingers moving apart, through the Chrome DevTools protocol (Playwright has no pinch).
    const cdp = await page.context().newCDPSession(page)
    const y = box.y + box.height / 2
    const cx = box.x + box.width / 2
    await expect.poll(() => widestArrow(page)).toBeGreaterThan(0)
    const before = await widestArrow(page)
    await cdp.send('Input.synthesizePinchGesture', { x: cx, y, scaleFactor: 2.5, gestureSourceType: 'touch' })
    await expect.poll(() => widestArrow(page)).toBeGreaterThan(before * 1.4)
  })
})

/**
 * The width of the widest arrow drawn as delivered: as the view zooms in on time, every arrow
 * widens by the zoom. (The axis numbers cannot tell it on a phone: the view buttons and the
 * cursor's pill take the whole axis row, and the pill hides any number it would cover.)
 */
function widestArrow(page: Page): Promise<number> {
  return page
    .locator('.tl-arrow.tl-delivered:not(.tl-self)')
    .evaluateAll((els) => Math.max(0, ...els.map((el) => el.getBoundingClientRect().width)))
}
