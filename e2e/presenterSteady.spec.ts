import { expect, openApp, panelsCaughtUp, position, test } from './fixtures.ts'

// A lecture at a 1024×768 projector: the lanes must not move under the room's eyes from click to
// click. The caption's height followed its text (237, 145, 188 px…), so the diagram grew and shrank.
test.use({ viewport: { width: 1024, height: 768 } })

for (const preset of ['racing-adopt', 'mp-leader-crash']) {
  test(`presenter mode: the diagram keeps its height from the story through every click (${preset})`, async ({
    page,
  }) => {
    await openApp(page, `?preset=${preset}`)
    await page.keyboard.press('p')
    const pane = page.locator('.presenter .diagram-pane')
    const caption = page.locator('.presenter-caption')
    await expect(caption).toHaveClass(/caption-story/)
    const height = (await pane.boundingBox())!.height
    for (let click = 0; click <= 16; click++) {
      if (click > 0) {
        await page.keyboard.press('PageDown')
        await expect(position(page)).not.toContainText('step 0/')
        await panelsCaughtUp(page)
      }
      expect((await pane.boundingBox())!.height).toBe(height)
      // The whole caption shows: set smaller when long, never cut off.
      const fits = await caption.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)
      expect(fits).toBe(true)
    }
  })
}
