import { expect, openApp, panelsCaughtUp, position, test } from './fixtures.ts'

// Presenter mode on a phone is read at arm's length: the diagram must keep a real share of the
// screen. In projector type it kept 217 of 844 px upright, none at all with Multi-Paxos's log.
const phones = [
  { name: 'a 390×844 phone held upright', width: 390, height: 844, share: 0.35 },
  { name: 'an 844×390 phone held sideways', width: 844, height: 390, share: 0.45 },
]

for (const phone of phones) {
  test.describe(`on ${phone.name}`, () => {
    test.use({ viewport: { width: phone.width, height: phone.height }, hasTouch: true, isMobile: true })

    for (const preset of ['racing-adopt', 'mp-leader-crash']) {
      test(`presenter mode keeps the diagram in view (${preset}), every control a finger's size`, async ({
        page,
      }) => {
        await openApp(page, `?preset=${preset}`)
        await page.keyboard.press('p')
        await expect(page.locator('.presenter')).toBeVisible()
        for (let i = 0; i < 12; i++) await page.keyboard.press('PageDown')
        await expect(position(page)).not.toContainText('step 0/')
        await panelsCaughtUp(page)
        const diagram = (await page.locator('.presenter .diagram-pane').boundingBox())!
        expect(diagram.height).toBeGreaterThanOrEqual(phone.height * phone.share)
        // Nothing is pushed off the screen: the exit button is the last thing in the controls.
        const exit = (await page.getByRole('button', { name: 'Exit presenter (Esc)' }).boundingBox())!
        expect(exit.y + exit.height).toBeLessThanOrEqual(phone.height)
        for (const control of await page.locator('.presenter-transport').getByRole('button').all())
          expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44)
      })
    }
  })
}

// Sideways, the controls wrapped to a second row ("Exit presenter" alone, or the clicker's picker
// beside a broken variant's badges) and the diagram kept 221 of 390 px: one row leaves it 273.
test.describe('on an 844×390 phone held sideways, presenter mode', () => {
  test.use({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true })

  for (const preset of ['racing-adopt', 'mp-leader-crash', 'bug-amnesia']) {
    test(`keeps its controls to one row under a taller diagram (${preset})`, async ({ page }) => {
      await openApp(page, `?preset=${preset}`)
      await page.keyboard.press('p')
      await expect(page.locator('.presenter')).toBeVisible()
      for (let i = 0; i < 12; i++) await page.keyboard.press('PageDown')
      await panelsCaughtUp(page)
      const controls = page.locator('.presenter-transport').locator('button, select')
      expect(await controls.count()).toBeGreaterThanOrEqual(5)
      const boxes = await Promise.all((await controls.all()).map(async (c) => (await c.boundingBox())!))
      const middles = boxes.map((b) => b.y + b.height / 2)
      // One row: every control is centred on the same line (a second row is 52 px lower).
      expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(10)
      for (const box of boxes) {
        expect(box.height).toBeGreaterThanOrEqual(44)
        expect(box.width).toBeGreaterThanOrEqual(44)
        expect(box.x + box.width).toBeLessThanOrEqual(844)
      }
      const diagram = (await page.locator('.presenter .diagram-pane').boundingBox())!
      expect(diagram.height).toBeGreaterThanOrEqual(260)
      // The words that went are still the controls' names.
      await expect(page.getByRole('button', { name: 'Exit presenter (Esc)' })).toBeVisible()
      await expect(page.getByLabel('Clicker moves by (G)')).toBeVisible()
    })
  }
})
