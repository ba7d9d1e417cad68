import { expect, openApp, position, procCard, settled, test } from './fixtures.ts'

/** Issue 12's smaller items, as a student sees them. */

test('a proposer that learns another ballot’s decision keeps what its own ballot carried', async ({
  page,
}) => {
  await openApp(page, '?preset=bug-ignore-prior')
  await page.keyboard.press('End')
  await settled(page)
  const p1 = procCard(page, 1)
  await expect(p1).toContainText('ballot 1.1 · value A')
  await expect(p1).toContainText(/learned B decided in ballot \d+\.\d+/)
  await expect(p1).not.toContainText('value B')
})

test('a run stopped by its step limit says so in words', async ({ page }) => {
  await openApp(page, '?preset=dueling')
  await page.keyboard.press('End')
  await settled(page)
  await expect(position(page)).toContainText('stopped at Max steps')
  await expect(position(page)).not.toContainText(/· limit\b/)
})
