import { expect, openApp, panelsCaughtUp, position, test } from './fixtures.ts'

// A lecture room's 1024×768 projector: the feed is about three lines high.
test.use({ viewport: { width: 1024, height: 768 } })

test("the feed shows the current step's first line, the cause, when the step is taller than the feed", async ({
  page,
}) => {
  await openApp(page, '?preset=racing-adopt')
  // Step 23: P3 counts P4's promise, adopts 10 and sends five accepts: more lines than fit.
  for (let i = 0; i < 23; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 23/')
  await panelsCaughtUp(page)
  const feed = page.locator('.feed')
  const current = page.locator('.feed-line.current')
  await expect(current.first()).toHaveText("P3 receives P4's promise 2.3 (3 of 3 needed).")
  const box = (await feed.boundingBox())!
  const first = (await current.first().boundingBox())!
  expect(first.y).toBeGreaterThanOrEqual(box.y)
  expect(first.y).toBeLessThan(box.y + 4)
  // Stepping back to a short step shows it whole, the history above it filling the feed.
  await page.keyboard.press('ArrowLeft')
  await expect(position(page)).toContainText('step 22/')
  // The feed follows the step a frame later; measure it once it shows step 22 (CI once read a
  // line that the catch-up had just replaced: its box was null).
  await panelsCaughtUp(page)
  await expect(current.first()).not.toHaveText("P3 receives P4's promise 2.3 (3 of 3 needed).")
  const last = (await page.locator('.feed-line').last().boundingBox())!
  const shown = (await feed.boundingBox())!
  expect(last.y + last.height).toBeLessThanOrEqual(shown.y + shown.height + 1)
  const oldest = (await page.locator('.feed-line').first().boundingBox())!
  expect(oldest.y).toBeLessThan(shown.y)
})

test('an accepted pair (n_a, v_a) is never split over two lines in the Processes table', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 23; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 23/')
  const p1 = page.locator('.proc-row').first()
  await expect(p1.locator('.cell').nth(1)).toHaveText('(1.1,\u00a010)')
  const pairBox = (await p1.locator('.cell').nth(1).boundingBox())!
  const promisedBox = (await p1.locator('.cell').first().boundingBox())!
  // One line: as high as the one-line promised cell beside it.
  expect(pairBox.height).toBeLessThan(promisedBox.height * 1.5)
})

for (const width of [1024, 1280]) {
  test(`the Processes table's column names do not run into each other (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 })
    await openApp(page, '?preset=basic')
    const names = page.locator('.proc-head span')
    await expect(names).toHaveCount(4)
    await expect(names.first()).toBeEmpty()
    const boxes = await names.evaluateAll((els) =>
      els.map((el) => {
        // The text's own extent, which overflows a grid cell that is too narrow for it.
        const r = document.createRange()
        r.selectNodeContents(el)
        const t = r.getBoundingClientRect()
        return { left: t.left, right: t.right }
      }),
    )
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left).toBeGreaterThan(boxes[i - 1]!.right)
  })
}
