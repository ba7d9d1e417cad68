import { expect, openApp, procCard, settled, shot, test } from './fixtures.ts'

/**
 * A crashed process's card says "down" beside its name; the word must be whole at every size
 * (it was cut to "dowr" at 1280×720: the name's column was narrower than the word).
 */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const

for (const size of SIZES)
  test(`a crashed process's card shows "down" whole at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size)
    await openApp(page, '?preset=racing-adopt')
    const step = page.getByRole('button', { name: /^Step \(/ })
    for (let i = 0; i < 5; i++) await step.click()
    await settled(page)
    await page.locator('.tl-lane-header[data-pid="3"]').click()
    const menu = page.locator('section', { has: page.locator('#pmenu-title') })
    await menu.getByRole('button', { name: 'Crash P3' }).click()
    await settled(page)
    // The process's menu sits above the cards: close it to see them.
    const close = menu.getByRole('button', { name: /^Close/ })
    if (await close.isVisible()) await close.click()
    const tag = procCard(page, 3).locator('.down-tag')
    await tag.scrollIntoViewIfNeeded()
    await expect(tag).toBeVisible()
    await expect(tag).toHaveText(/down/)
    // The word fits its own box, in its cell, and no neighbouring cell covers any of it.
    const fit = await tag.evaluate((el) => {
      const cell = el.parentElement!
      const next = cell.nextElementSibling!
      const word = document.createRange()
      word.selectNodeContents(el)
      const w = word.getBoundingClientRect()
      const c = cell.getBoundingClientRect()
      return {
        inCell: w.left >= c.left - 0.5 && w.right <= c.right + 0.5,
        clearOfNext: w.right <= next.getBoundingClientRect().left + 0.5,
        oneLine: word.getClientRects().length <= 2,
        cellOverflow: cell.scrollWidth - cell.clientWidth,
      }
    })
    await shot(page, `proc-card-down-${size.width}x${size.height}`)
    expect(fit).toEqual({ inCell: true, clearOfNext: true, oneLine: true, cellOverflow: 0 })
  })
