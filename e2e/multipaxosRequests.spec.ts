import { expect, openApp, settled, test } from './fixtures.ts'

/**
 * What a request means at each Multi-Paxos process (QA, issue 11): a client takes a command
 * (`put`, `put <value>`, `get`) and refuses any other text inline, sending nothing; a replica's
 * request is one button that starts an election. Focus stays in the command box after Send.
 */

const menu = (page: import('@playwright/test').Page) =>
  page.locator('section', { has: page.locator('#pmenu-title') })

test('a client sends the command typed, refuses other text and keeps focus', async ({ page }) => {
  await openApp(page, '?preset=mp-steady')
  await page.locator('.tl-lane-header[data-pid="6"]').click()
  const box = menu(page).getByLabel('Command')
  await expect(menu(page)).toContainText('put <value>')
  await box.fill('put(z)')
  await box.press('Enter')
  await expect(menu(page).getByRole('alert')).toContainText('C1 takes put')
  await expect(box).toBeFocused()
  await expect(page.locator('.feed')).not.toContainText('put(z)')

  await box.fill('put x5')
  await menu(page).getByRole('button', { name: 'Send', exact: true }).click()
  await settled(page)
  await expect(page.locator('.feed')).toContainText('C1.1:put(x5)')
  await expect(box).toBeFocused()
  await expect(box).toHaveValue('')
})

test('a replica offers one button that starts an election, no text box', async ({ page }) => {
  await openApp(page, '?preset=mp-steady')
  for (let i = 0; i < 20; i++) await page.locator('body').press('ArrowRight')
  await settled(page)
  await page.locator('.tl-lane-header[data-pid="2"]').click()
  await expect(menu(page).getByRole('textbox')).toHaveCount(0)
  await menu(page).getByRole('button', { name: 'Start an election (phase 1)' }).click()
  await settled(page)
  await expect(page.locator('.feed')).toContainText('P2 suspects leader P1 and starts phase 1')
})
