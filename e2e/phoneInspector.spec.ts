import type { Page } from '@playwright/test'
import { diagramStill, expect, openApp, position, test } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

/** Tap halfway along the first message in flight between two processes. */
async function tapMessageInFlight(page: Page): Promise<void> {
  await diagramStill(page)
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

test('in a fan of prepares, tapping the middle of one opens that one, not its neighbour drawn over it', async ({
  page,
}) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /^Step/ }).first().tap()
  await expect(position(page)).toContainText('step 3/')
  // The middle of each in-flight prepare's own line from P1; its neighbours' 44 px hit lines
  // overlap it there.
  await diagramStill(page)
  const fan = await page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('.tl-diagram .tl-arrow.tl-in-flight:not(.tl-self)')].map(
      (g) => {
        const line = g.querySelector<SVGLineElement>('.tl-hit')!
        const m = line.getScreenCTM()!
        const n = (a: string) => Number(line.getAttribute(a))
        const a = new DOMPoint(n('x1'), n('y1')).matrixTransform(m)
        const b = new DOMPoint(n('x2'), n('y2')).matrixTransform(m)
        const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
        const topmost = document.elementFromPoint(mid.x, mid.y)?.closest('[data-msg-id]')
        return {
          id: g.dataset.msgId!,
          from: `${Math.round(a.x)},${Math.round(a.y)}`,
          ...mid,
          covered: topmost?.getAttribute('data-msg-id') !== g.dataset.msgId,
        }
      },
    ),
  )
  // The fan: the arrows that leave one point (P1's prepares); some arrow's middle lies under a
  // neighbour's hit line.
  const origins = fan.map((f) => f.from)
  const origin = origins.sort(
    (x, y) => origins.filter((o) => o === y).length - origins.filter((o) => o === x).length,
  )[0]
  const prepares = fan.filter((f) => f.from === origin)
  expect(prepares.length).toBeGreaterThanOrEqual(3)
  expect(prepares.some((f) => f.covered)).toBe(true)
  for (const f of prepares) {
    await page.touchscreen.tap(f.x, f.y)
    await expect(page.locator('section.panel-focus')).toContainText(`#${f.id}`)
    await page.keyboard.press('Escape')
  }
})
