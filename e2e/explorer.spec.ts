import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')
const statesShown = async (page: import('@playwright/test').Page): Promise<number> =>
  Number(((await page.getByTestId('explorer-states').textContent()) ?? '0').replace(/,/g, ''))

test('spec mode: the check runs live and agreement holds exhaustively', async ({ page }) => {
  const workerLoads: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('explorer.worker')) workerLoads.push(r.url())
  })
  await openApp(page)
  // The explorer worker is created on the first search, not at start-up.
  expect(workerLoads).toEqual([])
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await expect(panel(page)).toBeVisible()
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await panel(page).getByRole('button', { name: 'Check the spec' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText(
    /Spec mode: [\d,]+ states, agreement holds \(exhaustive/,
    { timeout: 30_000 },
  )
  expect(await statesShown(page)).toBe(185_369)
  expect(workerLoads.length).toBeGreaterThan(0)
  await shot(page, 'explorer-spec-exhaustive')
})

test('spec mode: a too-small quorum gives a message sequence', async ({ page }) => {
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await panel(page)
    .getByLabel(/Quorum size/)
    .fill('1')
  await expect(panel(page).locator('.explorer-warning')).toContainText('need not intersect')
  await panel(page).getByRole('button', { name: 'Check the spec' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Agreement violated', {
    timeout: 30_000,
  })
  await expect(panel(page).locator('.explorer-sequence li').first()).toContainText('Phase1a')
})

test('a long check shows progress, the UI stays responsive, and Cancel stops it', async ({ page }) => {
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await panel(page).getByLabel('Acceptors').fill('5')
  await panel(page).getByRole('button', { name: 'Check the spec' }).click()
  await expect.poll(() => statesShown(page), { timeout: 15_000 }).toBeGreaterThan(50_000)
  const first = await statesShown(page)
  // The main thread is free: stepping the run still works while the search goes on.
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(position(page)).toContainText('step 1/')
  await expect.poll(() => statesShown(page)).toBeGreaterThan(first)
  await expect(panel(page).getByText('searching…')).toBeVisible()
  await shot(page, 'explorer-progress')
  await panel(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Cancelled after')
  await expect(panel(page).getByRole('button', { name: 'Check the spec' })).toBeEnabled()
})

test('one click on a broken preset: the shortest violation, loaded onto the diagram', async ({ page }) => {
  await openApp(page, '?preset=bug-amnesia')
  await expect(page.locator('.badge-ok')).toBeVisible()
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await expect(panel(page).getByLabel('Crashes')).toHaveValue('2')
  await panel(page).getByRole('button', { name: 'Find a violation' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Two different values are chosen', {
    timeout: 60_000,
  })
  await settled(page)
  // It opens where agreement breaks (e2e/explorerCounterexample.spec.ts follows it further).
  await expect(panel(page)).toContainText('It is on the diagram now, at step 18')
  await expect(position(page)).toContainText('step 18/')
  await page.keyboard.press('End')
  // Amnesia shows first as a promise that went down; agreement breaks at the end.
  await expect(page.locator('.badge-bad')).toBeVisible()
  await expect(page.locator('.chip-conflict')).toContainText(/A and X|X and A/)
  await shot(page, 'explorer-amnesia-violation')
})

test('the one-click search says which goal it looks for, and looks for the goal the user picks', async ({
  page,
}) => {
  await openApp(page, '?preset=bug-ignore-prior')
  await page.keyboard.press('e')
  const said = panel(page).locator('#explorer-find-goal')
  // Untouched: the lesson, also shown in the picker.
  await expect(said).toContainText('Looks for: Violated: Agreement')
  await expect(said).toContainText("this run's lesson")
  await expect(panel(page).getByLabel('Goal')).toHaveValue('agreement')
  // A goal picked below is the one the button looks for, and the button says what it finds.
  await panel(page).getByLabel('Goal').selectOption('chosen')
  await expect(said).toContainText('Looks for: A value is chosen, the goal picked below.')
  await panel(page).getByRole('button', { name: 'Find the shortest run' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Found', { timeout: 60_000 })
  await expect(panel(page).locator('.explorer-verdict')).not.toContainText('Violated')
  await expect(panel(page).getByLabel('Goal')).toHaveValue('chosen')
  await shot(page, 'explorer-picked-goal')
})

test('find a schedule from the form and load it onto the diagram', async ({ page }) => {
  await openApp(page, '?preset=bug-ignore-prior')
  await page.keyboard.press('e')
  await panel(page).getByLabel('Goal').selectOption('agreement')
  await panel(page).getByRole('button', { name: 'Search schedules' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Found', { timeout: 60_000 })
  await panel(page).getByRole('button', { name: 'Load onto the diagram' }).click()
  await settled(page)
  await page.keyboard.press('End')
  await expect(page.locator('.badge-bad')).toBeVisible()
})

test('closing the explorer (Escape or ×) gives the focus back to the Explore button', async ({ page }) => {
  await openApp(page, '?preset=basic')
  const explore = page.getByRole('button', { name: 'Explore', exact: true })
  await explore.click()
  await expect(page.getByRole('heading', { name: 'Explorer' })).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Escape')
  await expect(page.locator('.explorer-panel')).toHaveCount(0)
  await expect(explore).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Explorer' })).toBeFocused()
  await page.getByRole('button', { name: 'Close the explorer' }).focus()
  await page.keyboard.press('Enter')
  await expect(explore).toBeFocused()
})

test.describe('a tablet held upright', () => {
  test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true })

  test('loading a found schedule closes the panel that lay over the diagram', async ({ page }) => {
    await openApp(page, '?preset=bug-ignore-prior')
    await page.getByRole('button', { name: 'Explore', exact: true }).click()
    await panel(page).getByLabel('Goal').selectOption('agreement')
    await panel(page).getByRole('button', { name: 'Search schedules' }).click()
    await expect(panel(page).locator('.explorer-verdict')).toContainText('Found', { timeout: 60_000 })
    await panel(page).getByRole('button', { name: 'Load onto the diagram' }).click()
    await expect(panel(page)).toHaveCount(0)
    await settled(page)
    await expect(page.locator('.badge-bad')).toBeVisible()
    // The result is kept: Explore shows it again.
    await page.getByRole('button', { name: 'Explore', exact: true }).click()
    await expect(panel(page).locator('.explorer-verdict')).toContainText('Found')
  })
})
