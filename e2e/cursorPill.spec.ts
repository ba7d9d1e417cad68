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

/** The boxes of the axis numbers shown, the pill, the view buttons and the lane names. */
async function axisBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect()
      return { text: e.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom }
    }
    const pane = document.querySelector('.diagram-pane')!.getBoundingClientRect()
    return {
      pane: { left: pane.left, right: pane.right, top: pane.top, bottom: pane.bottom },
      numbers: [...document.querySelectorAll('.tl-axis > text')].map(box),
      others: [...document.querySelectorAll('.tl-cursor rect, .tl-toolbar, .tl-heads text')].map(box),
    }
  })
}

type Box = { left: number; right: number; top: number; bottom: number }
const overlap = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  // The view buttons and the cursor's pill filled the top row: the axis showed no number at all.
  for (const preset of ['racing-adopt', 'mp-leader-crash']) {
    test(`the time axis shows numbers, clear of each other, the pill and the lane names (${preset})`, async ({
      page,
    }) => {
      await openApp(page, `?preset=${preset}`)
      for (const step of [0, 12, 30]) {
        await page.locator('.scrub-track input').fill(String(step))
        await expect(position(page)).toContainText(`step ${step}/`)
        // The view glides to follow the cursor: read the axis once it has come to rest.
        let last = ''
        await expect
          .poll(async () => {
            const now = JSON.stringify(await axisBoxes(page))
            const still = now === last
            last = now
            return still
          })
          .toBe(true)
        const { pane, numbers, others } = JSON.parse(last) as Awaited<ReturnType<typeof axisBoxes>>
        const inView = numbers.filter(
          (n) => n.left >= pane.left && n.right <= pane.right && n.bottom <= pane.bottom,
        )
        const shown = `step ${step}: ${numbers.map((n) => n.text).join(' ')}`
        expect(inView.length, shown).toBeGreaterThanOrEqual(2)
        for (const [i, n] of numbers.entries()) {
          for (const m of numbers.slice(i + 1)) expect(overlap(n, m), `${n.text} and ${m.text}`).toBe(false)
          for (const o of others) expect(overlap(n, o), `${n.text} and “${o.text}”`).toBe(false)
        }
      }
    })
  }
})
