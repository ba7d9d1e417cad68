import { expect, openApp, position, shot, test } from './fixtures.ts'

test('the app opens on the basic example at step 0 with a hint', async ({ page }) => {
  await openApp(page)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Synod')
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
  await expect(position(page)).toContainText('step 0/28')
  await expect(page.getByText('to step, or click a process to propose')).toBeVisible()
  await expect(page.getByText('All invariants hold')).toBeVisible()
  await expect(page.locator('.tl-arrow').first()).toBeVisible()
  await shot(page, 'smoke')
})

test('?preset= loads that example', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await expect(page.getByLabel('Choose an example run')).toHaveValue('racing-adopt')
  await expect(position(page)).toContainText('step 0/48')
})

test('an unknown ?preset= says so and shows the basic run', async ({ page }) => {
  await openApp(page, '?preset=nope')
  await expect(page.getByText('There is no example called “nope”')).toBeVisible()
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
})
