import type { Page } from '@playwright/test'
import { expect, openApp, position, test } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

/** Tap halfway along the first message in flight between two processes. */
async function tapMessageInFlight(page: Page): Promise<void> {
  const at = await page.evaluate(() => {
    for (const g of document.querySelectorAll('.tl-diagram .tl-arrow.tl-in-flight:not(.tl-self)')) {
      const ghost = g.querySelector<SVGLineElement>('.tl-ghost')
      const ctm = ghost?.getScreenCTM()
      if (!ghost || !ctm) continue
      const n = (a: string) => Number(ghost.getAttribute(a))
      const p = new DOMPoint((n('x1') + n('x2')) / 2, (n('y1') + n('y2')) / 2).matrixTransform(ctm)
      return { x: p.x, y: p.y }
    }
    throw new Error('no message in flight')
  })
  await page.touchscreen.tap(at.x, at.y)
}

/** Every action on the message, the Delay row too, shows whole in the sheet without a scroll. */
async function expectActionsInSheet(page: Page): Promise<void> {
  const inspector = page.locator('section.panel-focus')
  await expect(inspector).toContainText('Delay by')
  const sheet = (await page.locator('.sheet-body').boundingBox())!
  const controls = [
    ...['Deliver now', 'Drop', 'Duplicate', 'Delay by'].map(
      (name) => [name, inspector.getByRole('button', { name, exact: true })] as const,
    ),
    ['Delay in ticks', inspector.getByRole('spinbutton', { name: 'Delay in ticks' })] as const,
  ]
  for (const [name, control] of controls) {
    const b = (await control.boundingBox())!
    expect(b.y, name).toBeGreaterThanOrEqual(sheet.y)
    expect(b.y + b.height, name).toBeLessThanOrEqual(sheet.y + sheet.height)
  }
}

test('a phone: tapping an arrow shows what you can do to the message in the sheet, without scrolling', async ({
  page,
}) => {
  await openApp(page, '?preset=basic')
  await page.getByRole('button', { name: /^Step/ }).first().tap()
  await expect(position(page)).toContainText('step 1/')
  await tapMessageInFlight(page)
  const inspector = page.locator('section.panel-focus')
  await expect(inspector).toContainText('In flight')
  await expectActionsInSheet(page)
  // What the type means is still there, under the actions.
  await expect(inspector.locator('.meaning')).toContainText(/promise/i)
})

test('a Multi-Paxos heartbeat, whose title takes two lines, shows its actions whole too', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 12/')
  await tapMessageInFlight(page)
  await expect(page.locator('#msg-title')).toContainText('heartbeat')
  await expectActionsInSheet(page)
})
