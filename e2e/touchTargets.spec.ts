import type { Locator, Page } from '@playwright/test'
import { expect, openApp, position, test } from './fixtures.ts'

/**
 * On a touch screen every control takes a finger: 44 × 44 CSS px (WCAG 2.5.5). Measured where the
 * finger lands, not by the box: the points 21 px above, below, left and right of the control's
 * centre must reach it, so a compact chip with an enlarged hit area passes and a control covered
 * by another fails. (21, not 22: a 44-px button laid out at y = 586.42 is hit-tested a pixel short
 * at its lower edge, where the slider under it begins.) The top bar's buttons were 32 px tall (?
 * 32 × 32), "Present" too on a tablet, and the narration's message chips 45 × 22. Upright and
 * sideways, phone and tablet: a phone held sideways has the least room for them (short.css).
 */
async function reach(control: Locator): Promise<boolean[]> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const x = r.left + r.width / 2
    const y = r.top + r.height / 2
    return [
      [x, y - 21],
      [x, y + 21],
      [x - 21, y],
      [x + 21, y],
    ].map(([px, py]) => {
      const hit = document.elementFromPoint(px as number, py as number)
      return hit !== null && (hit === el || el.contains(hit))
    })
  })
}

async function expectFingerSized(page: Page, controls: Locator[]): Promise<void> {
  for (const control of controls) {
    await expect(control).toBeVisible()
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent()) ?? 'a control'
    expect(await reach(control), name).toEqual([true, true, true, true])
  }
}

const topBar = (page: Page, present: boolean): Locator[] => [
  page.getByLabel('Choose an example run'),
  page.getByRole('button', { name: 'Share', exact: true }),
  page.getByRole('button', { name: 'Examples', exact: true }),
  page.locator('.topbar-actions summary', { hasText: 'File' }),
  page.getByRole('button', { name: 'Explore', exact: true }),
  page.locator('.topbar-actions summary', { hasText: 'More' }),
  page.locator('.help-btn'),
  ...(present ? [page.getByRole('button', { name: 'Present', exact: true })] : []),
]

/** Every button of the time controls, the speed and the slider. */
const timeControls = (page: Page): Promise<Locator[]> =>
  page.locator('.transport button, .transport select, .scrub-track input').all()

async function stepTo(page: Page, step: number): Promise<void> {
  for (let i = 0; i < step; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText(`step ${step}/`)
}

/** A narration chip scrolled to the middle of the feed, so the feed does not clip its hit area. */
async function middleChip(page: Page): Promise<Locator> {
  const chip = page.locator('.feed-chip').first()
  await chip.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  return chip
}

/** The distinct tops of the elements: one value when they stand in one row. */
const rowTops = (row: Locator): Promise<number[]> =>
  row.evaluateAll((els) => [
    ...new Set(
      els
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 1 && r.height > 1)
        .map((r) => Math.round(r.top + r.height / 2)),
    ),
  ])

const SIZES = [
  { name: 'a 390 × 844 phone', width: 390, height: 844, present: false, sheet: true },
  { name: 'an 844 × 390 phone held sideways', width: 844, height: 390, present: false, sheet: true },
  { name: 'an 820 × 1180 tablet', width: 820, height: 1180, present: true, sheet: true },
  { name: 'a 1180 × 820 tablet held sideways', width: 1180, height: 820, present: true, sheet: false },
] as const

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: { width: size.width, height: size.height }, hasTouch: true, isMobile: true })

    test('the top bar, the sheet’s tabs, the time controls, the lane names and the chips take a finger', async ({
      page,
    }) => {
      await openApp(page, '?preset=racing-adopt')
      await stepTo(page, 8)
      await expectFingerSized(page, topBar(page, size.present))
      if (size.sheet) await expectFingerSized(page, await page.getByRole('tab').all())
      await expectFingerSized(page, await timeControls(page))
      await expectFingerSized(page, [page.locator('.tl-lane-header[data-pid="3"]')])
      await expectFingerSized(page, [await middleChip(page)])
    })
  })
}

test.describe('a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('the actions keep one row (a wrapped ? cost the diagram 48 px)', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    expect(await rowTops(page.locator('.topbar-actions > *'))).toHaveLength(1)
  })
})

// Held sideways height is what is short: the whole top bar is one row of 44-px targets, so the
// diagram and the sheet beside it keep their room (the sheet's question: predict.spec.ts).
for (const size of SIZES.filter((s) => s.width > s.height)) {
  test.describe(size.name, () => {
    test.use({ viewport: { width: size.width, height: size.height }, hasTouch: true, isMobile: true })

    test('the top bar is one row', async ({ page }) => {
      await openApp(page, '?preset=mp-leader-crash')
      expect(await rowTops(page.locator('.topbar > :not(.brand), .topbar-actions > *'))).toHaveLength(1)
      expect((await page.locator('.topbar').boundingBox())?.height).toBeLessThanOrEqual(56)
    })

    test('the word of each time control fits its button ("Round" and "Decided" ran into each other)', async ({
      page,
    }) => {
      await openApp(page, '?preset=racing-adopt')
      const overflow = await page
        .locator('.transport-btn')
        .evaluateAll((bs) => bs.map((b) => `${b.textContent?.trim()} ${b.scrollWidth - b.clientWidth}`))
      for (const o of overflow) expect(Number(o.split(' ').at(-1)), o).toBeLessThanOrEqual(1)
    })
  })
}

test.describe('an 844 × 390 phone held sideways', () => {
  test.use({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true })

  test('every item of the File and More menus takes a finger, scrolled into view if need be', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    for (const menu of ['File', 'More']) {
      await page.locator('.topbar-actions summary', { hasText: menu }).tap()
      const items = await page.locator('details[open] .drop-menu-pop button').all()
      expect(items.length).toBeGreaterThanOrEqual(3)
      for (const item of items) {
        await item.evaluate((el) => el.scrollIntoView({ block: 'nearest' }))
        await expect(item).toBeInViewport({ ratio: 1 })
        await expectFingerSized(page, [item])
      }
      await page.keyboard.press('Escape')
      await expect(page.locator('details[open]')).toHaveCount(0)
    }
  })
})

// Eight lanes (mp-leader-crash: five replicas, three clients) leave about 33 px per lane on a
// phone, less than a finger: the lane's whole band, half-way to each neighbour, is its name's
// target, and the names' boxes stay apart.
for (const size of SIZES.filter((s) => s.width < 900)) {
  test.describe(`${size.name}, eight lanes`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, hasTouch: true, isMobile: true })

    test('each lane’s whole band is its name’s target, and no two names overlap', async ({ page }) => {
      await openApp(page, '?preset=mp-leader-crash')
      const headers = page.locator('.tl-lane-header')
      await expect(headers).toHaveCount(8)
      const bands = await headers.evaluateAll((els) => {
        const boxes = els.map((el) => el.querySelector('.tl-lane-header-box')!.getBoundingClientRect())
        const mid = (r: DOMRect): number => r.top + r.height / 2
        return els.map((el, i) => {
          const box = boxes[i]!
          const next = boxes[i + 1]
          const gap = next ? mid(next) - mid(box) : mid(box) - mid(boxes[i - 1]!)
          const x = box.left + box.width / 2
          const reaches = [mid(box) - gap / 2 + 1, mid(box) + gap / 2 - 1].map((y) => {
            const hit = document.elementFromPoint(x, y)
            return hit !== null && el.contains(hit)
          })
          return { gap: Math.round(gap), reaches, apart: next ? box.bottom <= next.top : true }
        })
      })
      for (const [i, band] of bands.entries()) {
        expect(band.gap, `lane ${i + 1}`).toBeGreaterThanOrEqual(24)
        expect(band.reaches, `lane ${i + 1}`).toEqual([true, true])
        expect(band.apart, `lane ${i + 1}`).toBe(true)
      }
      // A tap near the lower edge of C2's band, under its name's box, opens C2's menu; no step.
      const c2 = (await headers.nth(6).locator('.tl-lane-header-box').boundingBox())!
      await page.touchscreen.tap(c2.x + c2.width / 2, c2.y + c2.height / 2 + bands[6]!.gap / 2 - 2)
      await expect(page.locator('#pmenu-title')).toContainText('C2')
      await expect(position(page)).toContainText('step 0/')
    })
  })
}
