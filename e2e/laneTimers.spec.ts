import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, shot, test } from './fixtures.ts'

/**
 * Issue 12, "a backoff wait is only a sentence": timers are drawn as countdowns on their lanes,
 * named by the protocol module, with an accessible name; the legend explains them. And the
 * diagram's controls are large enough for a lectern and a finger; a phone shows the example's
 * whole title.
 */

/** Step (→) until the read-out shows `step`. */
async function stepTo(page: Page, step: number): Promise<void> {
  await page.locator('.tl-diagram').focus()
  while ((await cursorStep(page)) < step) await page.keyboard.press('ArrowRight')
  await expect.poll(() => cursorStep(page)).toBe(step)
}

const pending = (page: Page) => page.locator('.tl-timer-hit.tl-timer-pending')

/** Width and height of each diagram view button. */
const buttonSizes = (page: Page) =>
  page
    .locator('.tl-toolbar button')
    .evaluateAll((els) =>
      els.map((e): [number, number] => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]),
    )

test.describe('countdowns on the lanes, 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } })

  test('dueling-backoff: P1’s backoff counts down on its lane, named and labelled', async ({ page }) => {
    await openApp(page, '?preset=dueling-backoff')
    await stepTo(page, 47)
    const backoff = pending(page).filter({
      has: page.locator('title', { hasText: /^P1 backs off until t=63/ }),
    })
    await expect(backoff).toHaveCount(1)
    await expect(backoff).toHaveAttribute(
      'aria-label',
      'P1 backs off until t=63, then retries with a higher ballot',
    )
    await expect(page.locator('.tl-label-timer', { hasText: 'backoff → t63' })).toBeVisible()
    // It sits on P1's lane, and ends at tick 63 on the axis's scale.
    const [bar, lane] = await Promise.all([
      backoff.boundingBox(),
      page.locator('.tl-lane-header[data-pid="1"]').boundingBox(),
    ])
    expect(bar && lane && bar.y > lane.y && bar.y < lane.y + lane.height).toBe(true)
    // Stepping on moves "now" along the bar: less of the wait is left.
    const left = () => page.locator('.tl-diagram .tl-timer-remaining').getAttribute('d')
    const before = await left()
    await stepTo(page, 52)
    expect(await left()).not.toBe(before)
    await shot(page, 'lane-timers-dueling-backoff-1920')
    // Once it fired, it stays as history, saying so.
    await stepTo(page, 70)
    await expect(
      page.locator('.tl-timer-hit:not(.tl-timer-pending)', {
        has: page.locator('title', {
          hasText: 'P1 backs off until t=63, then retries with a higher ballot (it fired)',
        }),
      }),
    ).toHaveCount(1)
  })

  test('the legend explains the countdown', async ({ page }) => {
    await openApp(page, '?preset=dueling-backoff')
    await expect(page.locator('.tl-legend').first()).toContainText('countdown: waited | to wait')
  })
})

test.describe('countdowns on the lanes, 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } })

  test('mp-backoff: election timeouts count down on every replica, and the preempted one’s backoff', async ({
    page,
  }) => {
    await openApp(page, '?preset=mp-backoff')
    await stepTo(page, 22)
    const names = await pending(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
    expect(names).toContain(
      'P1 backs off until t=74, then runs phase 1 with a higher ballot unless it has heard from a leader',
    )
    expect(names).toContain('P2 sends its next heartbeat at t=50')
    await expect(page.locator('.tl-label-timer').first()).toBeVisible()
    await shot(page, 'lane-timers-mp-backoff-1024')
  })

  test('under reduced motion the countdowns are drawn all the same, and never animate', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await openApp(page, '?preset=dueling-backoff')
    await stepTo(page, 47)
    await expect(pending(page)).not.toHaveCount(0)
    const running = await page
      .locator('.tl-diagram .tl-timers')
      .evaluate((g) => g.getAnimations({ subtree: true }).length)
    expect(running).toBe(0)
  })

  test('presenter mode: every diagram control is at least 44 px', async ({ page }) => {
    await openApp(page, '?preset=dueling-backoff')
    await page.keyboard.press('p')
    await expect(page.locator('.presenter')).toBeVisible()
    const sizes = await buttonSizes(page)
    expect(sizes.length).toBe(5)
    for (const [w, h] of sizes) expect(Math.min(w, h)).toBeGreaterThanOrEqual(44)
    await shot(page, 'lane-timers-presenter-1024')
  })
})

test.describe('controls elsewhere, 1280×720 with a mouse', () => {
  test.use({ viewport: { width: 1280, height: 720 } })

  test('diagram controls are at least 24 px', async ({ page }) => {
    await openApp(page, '?preset=basic')
    const sizes = await buttonSizes(page)
    expect(sizes.length).toBe(5)
    for (const [w, h] of sizes) expect(Math.min(w, h)).toBeGreaterThanOrEqual(24)
  })
})

test.describe('phone 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('diagram controls are 44 px; the example’s whole title is readable', async ({ page }) => {
    await openApp(page, '?preset=mp-backoff')
    for (const [w, h] of await buttonSizes(page)) expect(Math.min(w, h)).toBeGreaterThanOrEqual(44)
    const title = page.locator('.preset-picker-title')
    await expect(title).toHaveText('Multi-Paxos: randomized backoff ends the duel')
    const fits = await title.evaluate((el) => {
      const r = el.getBoundingClientRect()
      return (
        el.scrollWidth <= el.clientWidth &&
        el.scrollHeight <= el.clientHeight + 1 &&
        r.left >= 0 &&
        r.right <= innerWidth
      )
    })
    expect(fits).toBe(true)
    await shot(page, 'lane-timers-title-390')
    // The select still lies over the title: choosing there loads another example.
    await page.getByLabel('Choose an example run').selectOption('dueling-backoff')
    await expect(title).toHaveText('Dueling broken by random backoff')
  })
})
