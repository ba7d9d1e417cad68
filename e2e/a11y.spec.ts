import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, openApp, position, settled, test } from './fixtures.ts'

/**
 * axe-core on every main view. Serious and critical violations fail the test; the message lists
 * each rule with the first offending elements, so a failure says what to fix.
 */
async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = bad.map(
    (v) =>
      `${view}: ${v.id} (${v.impact}) ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 3).join('; ')}`)
        .join('\n'),
  )
  expect(report, report.join('\n')).toEqual([])
}

/** Click the theme button (in the top bar's More menu) until the page reports `theme`. */
async function chooseTheme(page: Page, theme: string): Promise<void> {
  const more = page.locator('details.more-menu')
  for (let i = 0; i < 4; i++) {
    if ((await page.locator('html').getAttribute('data-theme')) === theme) break
    if ((await more.getAttribute('open')) === null) await more.locator('summary').click()
    await page.getByRole('button', { name: /^Theme/ }).click()
  }
  if ((await more.getAttribute('open')) !== null) await page.keyboard.press('Escape')
  await expect(more).not.toHaveAttribute('open')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('the app at start', async ({ page }) => {
  await openApp(page)
  await expectAccessible(page, 'start')
})

test('mid-run with a selected message and the inspector open', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: /^Phase \(/ }).click()
  await expect(position(page)).toContainText('step 8/')
  await page.locator('.inflight-item').first().click()
  await expect(page.locator('#msg-title')).toBeVisible()
  await expectAccessible(page, 'mid-run + inspector')
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  await expect(page.locator('#pmenu-title')).toBeVisible()
  await expectAccessible(page, 'process menu')
})

test('every dialog: settings, partition, shortcuts, help', async ({ page }) => {
  await openApp(page)
  // Settings and Partition are in the top bar's More menu; Help is on the bar itself.
  const dialogs: [RegExp | string, string, boolean][] = [
    ['Settings', 'Settings', true],
    ['Partition the network', 'Network partition', true],
    [/^Help/, 'How to read Synod', false],
  ]
  for (const [button, title, inMenu] of dialogs) {
    if (inMenu) await page.locator('details.more-menu > summary').click()
    await page.getByRole('button', { name: button }).click()
    await expect(page.getByRole('dialog', { name: title })).toBeVisible()
    await expectAccessible(page, title)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  }
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await expectAccessible(page, 'Keyboard shortcuts')
})

for (const theme of ['dark', 'contrast']) {
  test(`the ${theme} theme, at start and mid-run`, async ({ page }) => {
    await openApp(page)
    await chooseTheme(page, theme)
    await expectAccessible(page, `${theme} start`)
    await page.keyboard.press('Shift+ArrowRight')
    await page.locator('.inflight-item').first().click()
    await settled(page)
    await expectAccessible(page, `${theme} mid-run`)
  })
}

test('the system dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp(page)
  await page.keyboard.press('Shift+ArrowRight')
  await expectAccessible(page, 'system dark')
})

test('a broken variant with the violation badge', async ({ page }) => {
  await openApp(page, '?preset=bug-duplicate-ballots')
  await page.keyboard.press('End')
  await expect(page.locator('.badge-bad')).toContainText(/violated/i)
  await expectAccessible(page, 'violation')
  await chooseTheme(page, 'contrast')
  await expectAccessible(page, 'violation, high contrast')
})

test('the newer views: examples gallery, explorer panel, share, presenter, embed', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: 'Examples' }).click()
  await expect(page.getByRole('dialog', { name: 'Examples' })).toBeVisible()
  await expectAccessible(page, 'Examples')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await expect(page.locator('.explorer-panel')).toBeVisible()
  await expectAccessible(page, 'Explorer panel')
  await page.getByRole('button', { name: 'Share' }).click()
  await expectAccessible(page, 'Share')
  await page.getByRole('button', { name: 'Present' }).click()
  await expect(page.locator('.presenter')).toBeVisible()
  await expectAccessible(page, 'Presenter')
  await page.keyboard.press('Escape')
  await openApp(page, '?preset=racing-adopt&embed')
  await expectAccessible(page, 'Embed')
})
