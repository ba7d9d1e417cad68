import { expect, openApp, position, procCard, settled, test } from './fixtures.ts'

test('the branch button names the run it goes to: the previous one, then the changed one', async ({
  page,
}) => {
  await openApp(page)
  await page.keyboard.press('Shift+ArrowRight')
  await expect(position(page)).toContainText('step 8/28')
  await procCard(page, 1).locator('.proc-row').click()
  await page.getByRole('button', { name: 'Crash P1' }).click()
  await settled(page)
  await page.keyboard.press('Escape')
  await page.keyboard.press('End')
  await expect(page.locator('.chip-chosen')).toContainText('decided 0/5')
  await page.getByRole('button', { name: '↩ Previous branch' }).click()
  await settled(page)
  await page.keyboard.press('End')
  await expect(page.locator('.chip-chosen')).toContainText('decided 5/5')
  // Back on the run before the change, the button goes to the change: it says so.
  await expect(page.getByRole('button', { name: '↩ Previous branch' })).toHaveCount(0)
  const toChange = page.getByRole('button', { name: '↪ Changed branch' })
  await expect(toChange).toHaveAttribute('title', /until you reload the page/)
  await toChange.click()
  await settled(page)
  await page.keyboard.press('End')
  await expect(page.locator('.chip-chosen')).toContainText('decided 0/5')
  await expect(page.getByRole('button', { name: '↩ Previous branch' })).toBeVisible()
})
