import { expect, openApp, position, test } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

test('a phone: tapping an arrow shows what you can do to the message in the sheet, without scrolling', async ({
  page,
}) => {
  await openApp(page, '?preset=basic')
  await page.getByRole('button', { name: /^Step/ }).first().tap()
  await expect(position(page)).toContainText('step 1/')
  // Halfway along the first message in flight between two processes.
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
  const inspector = page.locator('section.panel-focus')
  await expect(inspector).toContainText('In flight')
  const sheet = (await page.locator('.sheet-body').boundingBox())!
  for (const name of ['Deliver now', 'Drop', 'Duplicate']) {
    const b = (await inspector.getByRole('button', { name, exact: true }).boundingBox())!
    expect(b.y, name).toBeGreaterThanOrEqual(sheet.y)
    expect(b.y + b.height, name).toBeLessThanOrEqual(sheet.y + sheet.height)
  }
  // What the type means is still there, under the actions.
  await expect(inspector.locator('.meaning')).toContainText(/promise/i)
})
