import { expect, openApp, settled, test } from './fixtures.ts'

/** A Multi-Paxos client on a phone: its usual commands in one tap, no on-screen keyboard. */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

test('a phone sends put and get to a client with a tap, and an empty Send says why nothing was sent', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  await page.locator('.tl-lane-header[data-pid="6"]').tap()
  const menu = page.locator('section.panel-focus', { has: page.locator('#pmenu-title') })
  await expect(menu).toContainText('C1')
  // The keyboard stays down: the command box does not take the focus on a touch screen.
  await expect(menu.getByLabel('Command')).not.toBeFocused()
  await menu.getByRole('button', { name: 'Send', exact: true }).tap()
  await expect(menu.getByRole('alert')).toContainText('Nothing sent: the field is empty.')
  await menu.getByRole('button', { name: 'Send put' }).tap()
  await settled(page)
  await expect(menu.getByRole('alert')).toHaveCount(0)
  await page.getByRole('tab', { name: 'Steps' }).tap()
  await expect(page.locator('.feed')).toContainText('C1 sends C1.1:put(')
  await page.locator('.tl-lane-header[data-pid="7"]').tap()
  await page.locator('section.panel-focus').getByRole('button', { name: 'Send get' }).tap()
  await settled(page)
  await page.getByRole('tab', { name: 'Steps' }).tap()
  await expect(page.locator('.feed')).toContainText(':get')
})
