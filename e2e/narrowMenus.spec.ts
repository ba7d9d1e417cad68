import { expect, openApp, test } from './fixtures.ts'

/**
 * QA on phones: upright (390×844) the File menu ran off the screen's left edge; sideways (844×390)
 * the Legend tab's drawing shrank to ~9 px words, cut off, and the tab labels ran together.
 */

test.describe('upright phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('the File menu lies wholly on screen', async ({ page }) => {
    await openApp(page, '?preset=mp-steady')
    await page.locator('details.file-menu > summary').click()
    const pop = page.locator('details.file-menu .drop-menu-pop')
    await expect(pop).toBeVisible()
    const box = await pop.boundingBox()
    expect(box?.x).toBeGreaterThanOrEqual(0)
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390)
    await expect(pop.getByRole('button', { name: 'Export text trace' })).toBeInViewport({ ratio: 1 })
  })

  for (const preset of ['basic', 'mp-steady'])
    test(`the settings of ${preset} are one column: no field drawn over another, nothing cut off`, async ({
      page,
    }) => {
      await openApp(page, `?preset=${preset}`)
      await page.keyboard.press('s')
      const dialog = page.getByRole('dialog')
      await expect(dialog).toBeVisible()
      const overflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      const boxes = await dialog
        .locator('.config-grid > fieldset')
        .evaluateAll((fs) =>
          fs
            .map((f) => f.getBoundingClientRect())
            .map((r) => ({ left: r.left, top: r.top, bottom: r.bottom })),
        )
      expect(boxes.length).toBeGreaterThan(2)
      // Stacked: each group starts where the one before ends, at the same left edge.
      for (let i = 1; i < boxes.length; i++) {
        expect(boxes[i]!.left).toBe(boxes[0]!.left)
        expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom)
      }
    })

  test('after a change of the past the time slider keeps its width (the branch button takes its own line)', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('5')
    await page
      .getByRole('button', { name: /^Crash P5/ })
      .first()
      .click()
    await expect(page.locator('.branch-btn')).toBeVisible()
    const track = await page.locator('.scrub-track').boundingBox()
    expect(track!.width).toBeGreaterThan(300)
  })

  test('the partition dialog shows every group column', async ({ page }) => {
    await openApp(page, '?preset=basic')
    await page.locator('details.more-menu > summary').click()
    await page.getByRole('button', { name: 'Partition the network…' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('radio', { name: 'P5 in group C' })).toBeInViewport({ ratio: 1 })
    expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)).toBeLessThanOrEqual(0)
  })
})

test.describe('sideways phone', () => {
  test.use({ viewport: { width: 844, height: 390 } })

  test('the sheet tabs keep apart and the legend is readable', async ({ page }) => {
    await openApp(page, '?preset=mp-leader-crash')
    // The tabs' words, left to right, with a clear gap between one word and the next.
    const words = await page.getByRole('tab').evaluateAll((tabs) =>
      tabs.map((el) => {
        const range = document.createRange()
        range.selectNodeContents(el)
        const r = range.getBoundingClientRect()
        return { text: el.textContent, left: r.left, right: r.right }
      }),
    )
    expect(words.map((w) => w.text)).toEqual(['Steps', 'Processes', 'Messages', 'Legend'])
    for (let i = 1; i < words.length; i++)
      expect(
        words[i]!.left - words[i - 1]!.right,
        `${words[i - 1]!.text} | ${words[i]!.text}`,
      ).toBeGreaterThanOrEqual(8)
    await page.getByRole('tab', { name: 'Legend' }).click()
    const svg = page.locator('.sheet .tl-legend svg')
    await expect(svg).toBeVisible()
    // The drawing is shown at (nearly) its own size: its 15 px words stay at least 13.5 px on screen.
    const scale = await svg.evaluate(
      (el) => el.getBoundingClientRect().width / (el as SVGSVGElement).viewBox.baseVal.width,
    )
    expect(scale).toBeGreaterThanOrEqual(0.9)
  })
})

// tester4: on a short phone held sideways the bar hides Present, and a finger had no way into
// presenter mode (only a keyboard's P, or ?present). The More menu offers it where the bar does not.
test.describe('sideways touch phone: Present in the More menu', () => {
  test.use({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true })

  test('a tap on More, then on Present, opens presenter mode; the item is a finger wide', async ({
    page,
  }) => {
    await openApp(page, '?preset=mp-leader-crash')
    await expect(page.locator('.topbar .presenter-toggle')).toBeHidden()
    await page.locator('details.more-menu > summary').tap()
    const item = page.locator('details.more-menu').getByRole('button', { name: 'Present' })
    await expect(item).toBeInViewport({ ratio: 1 })
    const box = (await item.boundingBox())!
    expect(box.height).toBeGreaterThanOrEqual(44)
    await item.tap()
    await expect(page.locator('.presenter')).toBeVisible()
    await page.getByRole('button', { name: 'Exit presenter (Esc)' }).tap()
    await expect(page.locator('.presenter')).toHaveCount(0)
  })

  test('from the keyboard: ↓ on More reaches Present, Enter opens it, Esc comes back to More', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    const toggle = page.locator('details.more-menu > summary')
    await toggle.focus()
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('details.more-menu').getByRole('button', { name: 'Present' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.locator('.presenter')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.locator('.presenter')).toHaveCount(0)
    await expect(toggle).toBeFocused()
  })
})

test('on a wide screen the bar has Present and the More menu does not repeat it', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await expect(page.locator('.topbar .presenter-toggle')).toBeVisible()
  await page.locator('details.more-menu > summary').click()
  await expect(page.locator('details.more-menu').getByRole('button', { name: 'Present' })).toHaveCount(0)
  // The arrow keys skip the hidden item: ↓ from the toggle's open menu lands on the first drawn one.
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('button', { name: 'Partition the network…' })).toBeFocused()
})
