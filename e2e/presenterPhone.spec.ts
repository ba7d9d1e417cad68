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
