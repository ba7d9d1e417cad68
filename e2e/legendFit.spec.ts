import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, openApp, shot, test } from './fixtures.ts'

/**
 * Every legend entry is read in full: its words lie inside the legend's drawing (which clips
 * them) and inside the dialog, at a readable size; and the same in an exported SVG. Multi-Paxos
 * has the longest words ("slot chosen: majority accepted", cut off at 1280 × 720 before).
 */

interface Box {
  readonly text: string
  readonly left: number
  readonly right: number
  readonly height: number
}

/** The legend entries' word boxes, and the boxes of the legend's drawing and of `container`. */
function legendBoxes(container: string): { items: Box[]; svg: Box | null; box: Box | null } {
  const box = (el: Element | null, text = ''): Box | null => {
    if (!el) return null
    const r = el.getBoundingClientRect()
    return { text, left: r.left, right: r.right, height: r.height }
  }
  const root = document.querySelector(container)
  // By its name: an export keeps no classes.
  const svg = root?.querySelector('svg[aria-label="Legend of the time-space diagram"]') ?? null
  const items = [...(svg?.querySelectorAll('[role=listitem] > text') ?? [])]
    .map((t) => box(t, t.textContent ?? ''))
    .filter((b): b is Box => b !== null && b.height > 0)
  return { items, svg: box(svg), box: box(root) }
}

function expectInside({ items, svg, box }: ReturnType<typeof legendBoxes>, minHeight: number): void {
  expect(items.length).toBeGreaterThanOrEqual(16)
  expect(items.map((i) => i.text)).toContain('slot chosen: majority accepted')
  for (const outer of [svg, box]) {
    expect(outer).not.toBeNull()
    for (const item of items) {
      expect(item.left, item.text).toBeGreaterThanOrEqual((outer?.left ?? NaN) - 0.5)
      expect(item.right, item.text).toBeLessThanOrEqual((outer?.right ?? NaN) + 0.5)
      // Scaled down to fit is fine, down to unreadable is not (the words are 15 px at full size).
      expect(item.height, item.text).toBeGreaterThanOrEqual(minHeight)
    }
  }
}

for (const [width, height] of [
  [1280, 720],
  [1024, 768],
  [390, 844],
] as const)
  test(`the Help dialog's legend shows every entry in full at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await openApp(page, '?preset=mp-steady')
    await page.getByRole('button', { name: /Help/ }).click()
    const help = page.getByRole('dialog', { name: 'How to read Synod' })
    await expect(help).toBeVisible()
    await help.locator('.tl-legend svg').scrollIntoViewIfNeeded()
    // The legend picks its columns once it has measured its room (one frame after opening).
    await expect
      .poll(async () => {
        const b = await page.evaluate(legendBoxes, 'dialog[open]')
        return b.items.every((i) => i.right <= (b.svg?.right ?? 0) + 0.5)
      })
      .toBe(true)
    await shot(page, `legend-help-${width}x${height}`)
    expectInside(await page.evaluate(legendBoxes, 'dialog[open]'), 13)
  })

async function exportedSvg(page: Page): Promise<string> {
  const menu = page.locator('details.file-menu')
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click()
  const wait = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export diagram (SVG)' }).click()
  return (await readFile((await (await wait).path()) ?? '')).toString('utf8')
}

for (const [width, height] of [
  [1280, 720],
  [1024, 768],
] as const)
  test(`the exported diagram's legend shows every entry in full at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await openApp(page, '?preset=mp-leader-crash')
    const svg = await exportedSvg(page)
    // Drawn on a blank page, as a file viewer would: the file stands alone.
    const blank = await page.context().newPage()
    await blank.setContent(`<body style="margin:0">${svg}</body>`)
    await shot(blank, `legend-export-${width}x${height}`)
    expectInside(await blank.evaluate(legendBoxes, 'body > svg'), 15)
    await blank.close()
  })
